import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A comment stored by the fake. */
export interface StoredComment {
  id: number;
  body: string;
  html_url: string;
}

/** A loopback server that behaves like GitHub's issue-comments REST API for one pull request. */
export interface FakePrComments {
  apiUrl: string;
  comments: StoredComment[];
  /** Requests as `METHOD path?query`, in order. */
  requests: string[];
  /** Answer writes with 403 like a read-only token on a fork's pull request. */
  readOnly: boolean;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1; lists are paginated with `Link` headers, `pageSize` items a page at most. */
export async function startFakePrComments(
  owner: string,
  repo: string,
  number: number,
  pageSize = 30,
): Promise<FakePrComments> {
  const fake = { comments: [] as StoredComment[], requests: [] as string[], readOnly: false };
  let nextId = 1000;
  const list = `/repos/${owner}/${repo}/issues/${number}/comments`;
  const one = new RegExp(`^/repos/${owner}/${repo}/issues/comments/(\\d+)$`);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      fake.requests.push(`${req.method} ${url.pathname}${url.search}`);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
      };
      if (!String(req.headers.authorization ?? "").startsWith("Bearer "))
        return send(401, { message: "Requires authentication" });
      const write = req.method === "POST" || req.method === "PATCH";
      if (write && fake.readOnly) return send(403, { message: "Resource not accessible by integration" });
      const body =
        chunks.length > 0 ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { body: string }) : undefined;
      if (url.pathname === list && req.method === "GET") {
        const perPage = Math.min(Number(url.searchParams.get("per_page") ?? 30), pageSize);
        const page = Number(url.searchParams.get("page") ?? 1);
        const items = fake.comments.slice((page - 1) * perPage, page * perPage);
        const last = Math.max(1, Math.ceil(fake.comments.length / perPage));
        const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}${list}?per_page=${perPage}`;
        const link: Record<string, string> =
          page < last ? { link: `<${base}&page=${page + 1}>; rel="next", <${base}&page=${last}>; rel="last"` } : {};
        return send(200, items, link);
      }
      if (url.pathname === list && req.method === "POST" && body) {
        const comment = {
          id: nextId++,
          body: body.body,
          html_url: `https://github.example/${owner}/${repo}/pull/${number}#c${nextId}`,
        };
        fake.comments.push(comment);
        return send(201, comment);
      }
      const match = one.exec(url.pathname);
      const found = match ? fake.comments.find((c) => c.id === Number(match[1])) : undefined;
      if (found && req.method === "PATCH" && body) {
        found.body = body.body;
        return send(200, found);
      }
      return send(404, { message: "Not Found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    apiUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
