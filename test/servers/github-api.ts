import { createServer, type IncomingMessage, type Server } from "node:http";

/** One asset stored by the fake GitHub. */
export interface FakeAsset {
  id: number;
  name: string;
  label: string;
  content_type: string;
  size: number;
  data: Uint8Array;
}

/** One release stored by the fake GitHub. */
export interface FakeRelease {
  id: number;
  tag_name: string;
  name: string;
  draft: boolean;
  assets: FakeAsset[];
}

export interface FakeRepo {
  releases: FakeRelease[];
  /** False answers 404 to the attestations API, like repositories where it is unavailable. */
  attestationsEnabled: boolean;
  attestations: unknown[];
}

/** A request the fake received, for assertions (the Authorization header is kept to check it is sent). */
export interface FakeRequestRecord {
  method: string;
  path: string;
  authorization: string | undefined;
  status: number;
}

export interface FakeGitHub {
  apiUrl: string;
  uploadsUrl: string;
  repos: Map<string, FakeRepo>;
  requests: FakeRequestRecord[];
  /** Answers the next `count` requests matching `pathPrefix` with `status` (e.g. 502, 429). */
  failNext(pathPrefix: string, status: number, count: number, options?: { afterStoring?: boolean }): void;
  /** Adds a repository, optionally without the attestations API. */
  addRepo(fullName: string, options?: { attestationsEnabled?: boolean }): FakeRepo;
  close(): Promise<void>;
}

/** Starts a loopback server that behaves like the GitHub REST API for releases, assets and attestations. */
export async function startFakeGitHub(options: { pageSize?: number } = {}): Promise<FakeGitHub> {
  const repos = new Map<string, FakeRepo>();
  const requests: FakeRequestRecord[] = [];
  const failures: { prefix: string; status: number; left: number; afterStoring: boolean }[] = [];
  let nextId = 1;
  const pageSize = options.pageSize ?? 30;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const send = (status: number, body?: unknown, headers: Record<string, string> = {}): true => {
        requests.push({
          method: req.method ?? "",
          path: url.pathname,
          authorization: req.headers.authorization,
          status,
        });
        res.writeHead(status, { "content-type": "application/json", ...headers });
        res.end(body === undefined ? "" : JSON.stringify(body));
        return true;
      };
      const failure = failures.find((f) => f.left > 0 && url.pathname.startsWith(f.prefix));
      if (failure?.afterStoring) {
        // The request takes effect, but the answer is lost: what a gateway timeout after an upload looks like.
        failure.left--;
        route(req, url, Buffer.concat(chunks), () =>
          send(failure.status, { message: "injected failure after storing" }),
        );
        return;
      }
      if (failure) {
        failure.left--;
        send(failure.status, { message: "injected failure" }, failure.status === 429 ? { "retry-after": "0" } : {});
        return;
      }
      route(req, url, Buffer.concat(chunks), send);
    });
  });

  const base = (): string => `http://127.0.0.1:${(server.address() as { port: number }).port}`;

  function route(
    req: IncomingMessage,
    url: URL,
    body: Buffer,
    send: (status: number, body?: unknown, headers?: Record<string, string>) => true,
  ): true {
    const method = req.method ?? "GET";
    const m = /^\/(api|uploads)\/repos\/([^/]+)\/([^/]+)\/(.*)$/.exec(url.pathname);
    const repo = m ? repos.get(`${m[2]}/${m[3]}`) : undefined;
    if (!m || !repo) return send(404, { message: "Not Found" });
    const [, host, owner, name, rest = ""] = m;
    const full = `${owner}/${name}`;
    const releaseJson = (r: FakeRelease) => ({
      id: r.id,
      tag_name: r.tag_name,
      name: r.name,
      draft: r.draft,
      upload_url: `${base()}/uploads/repos/${full}/releases/${r.id}/assets{?name,label}`,
      assets: r.assets.map(assetJson),
    });
    const assetJson = (a: FakeAsset) => ({
      id: a.id,
      name: a.name,
      label: a.label,
      content_type: a.content_type,
      size: a.size,
    });
    const tag = /^releases\/tags\/(.+)$/.exec(rest);
    if (host === "api" && tag && method === "GET") {
      // Like GitHub, the by-tag endpoint does not return drafts.
      const release = repo.releases.find((r) => !r.draft && r.tag_name === decodeURIComponent(tag[1] ?? ""));
      return release ? send(200, releaseJson(release)) : send(404, { message: "Not Found" });
    }
    if (host === "api" && rest === "releases" && method === "GET") {
      return send(200, repo.releases.map(releaseJson));
    }
    if (host === "api" && rest === "releases" && method === "POST") {
      const input = JSON.parse(body.toString("utf8")) as { tag_name?: string; name?: string; draft?: boolean };
      if (!input.tag_name)
        return send(422, { message: "Validation Failed", errors: [{ field: "tag_name", code: "missing" }] });
      if (repo.releases.some((r) => r.tag_name === input.tag_name))
        return send(422, { message: "Validation Failed", errors: [{ field: "tag_name", code: "already_exists" }] });
      const release: FakeRelease = {
        id: nextId++,
        tag_name: input.tag_name,
        name: input.name ?? input.tag_name,
        draft: input.draft ?? false,
        assets: [],
      };
      repo.releases.push(release);
      return send(201, releaseJson(release));
    }
    const list = /^releases\/(\d+)\/assets$/.exec(rest);
    const release = list ? repo.releases.find((r) => r.id === Number(list[1])) : undefined;
    if (list && !release) return send(404, { message: "Not Found" });
    if (host === "api" && release && method === "GET") {
      const perPage = Number(url.searchParams.get("per_page") ?? pageSize);
      const page = Number(url.searchParams.get("page") ?? 1);
      const items = release.assets.slice((page - 1) * perPage, page * perPage).map(assetJson);
      const headers: Record<string, string> = {};
      if (page * perPage < release.assets.length) {
        headers.link = `<${base()}${url.pathname}?per_page=${perPage}&page=${page + 1}>; rel="next"`;
      }
      return send(200, items, headers);
    }
    if (host === "uploads" && release && method === "POST") {
      const assetName = url.searchParams.get("name");
      if (!assetName) return send(422, { message: "Validation Failed", errors: [{ field: "name", code: "missing" }] });
      if (release.assets.some((a) => a.name === assetName))
        return send(422, {
          message: "Validation Failed",
          errors: [{ resource: "ReleaseAsset", code: "already_exists", field: "name" }],
        });
      const asset: FakeAsset = {
        id: nextId++,
        name: assetName,
        label: url.searchParams.get("label") ?? "",
        content_type: req.headers["content-type"] ?? "application/octet-stream",
        size: body.byteLength,
        data: new Uint8Array(body),
      };
      release.assets.push(asset);
      return send(201, assetJson(asset));
    }
    const assetPath = /^releases\/assets\/(\d+)$/.exec(rest);
    if (host === "api" && assetPath && method === "DELETE") {
      for (const r of repo.releases) {
        const index = r.assets.findIndex((a) => a.id === Number(assetPath[1]));
        if (index >= 0) {
          r.assets.splice(index, 1);
          return send(204);
        }
      }
      return send(404, { message: "Not Found" });
    }
    if (host === "api" && rest === "attestations" && method === "POST") {
      if (!repo.attestationsEnabled) return send(404, { message: "Not Found" });
      const input = JSON.parse(body.toString("utf8")) as { bundle?: unknown };
      if (!input.bundle)
        return send(422, { message: "Validation Failed", errors: [{ field: "bundle", code: "missing" }] });
      repo.attestations.push(input.bundle);
      return send(201, { id: repo.attestations.length });
    }
    return send(404, { message: "Not Found" });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    apiUrl: `${base()}/api`,
    uploadsUrl: `${base()}/uploads`,
    repos,
    requests,
    failNext(prefix, status, count, failOptions = {}) {
      failures.push({ prefix, status, left: count, afterStoring: failOptions.afterStoring ?? false });
    },
    addRepo(fullName, repoOptions = {}) {
      const repo: FakeRepo = {
        releases: [],
        attestationsEnabled: repoOptions.attestationsEnabled ?? true,
        attestations: [],
      };
      repos.set(fullName, repo);
      return repo;
    },
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
