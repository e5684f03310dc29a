import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A loopback server answering like the registries' metadata APIs from a path → JSON table; unknown paths are 404. */
export interface RegistryServer {
  url: string;
  /** Paths requested, in order. */
  requests: string[];
  /** Paths answered with 503 (to test failing closed). */
  failing: Set<string>;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 with the given answers. */
export async function startRegistryServer(answers: Record<string, unknown>): Promise<RegistryServer> {
  const requests: string[] = [];
  const failing = new Set<string>();
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    requests.push(path);
    if (failing.has(path)) {
      res.writeHead(503).end();
      return;
    }
    const answer = answers[path];
    if (answer === undefined) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"not found"}');
      return;
    }
    const body = JSON.stringify(answer).replaceAll(
      "{{base}}",
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    );
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failing,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
