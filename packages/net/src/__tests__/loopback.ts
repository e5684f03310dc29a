/** Real loopback servers for the client's tests: plain HTTP and HTTPS on 127.0.0.1, port 0. */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer, type ServerOptions } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Loopback {
  /** `http://127.0.0.1:<port>` or `https://localhost:<port>`. */
  origin: string;
  port: number;
  /** Every request seen, in order: method and URL as received. */
  seen: { method: string; url: string; headers: IncomingMessage["headers"] }[];
  close(): Promise<void>;
}

async function listen(server: Server, origin: (port: number) => string): Promise<Loopback> {
  const seen: Loopback["seen"] = [];
  server.on("request", (req: IncomingMessage) => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: origin(port),
    port,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Starts a plain HTTP server on 127.0.0.1 answering with `handler`. */
export function startHttp(handler: Handler): Promise<Loopback> {
  return listen(createHttpServer(handler), (port) => `http://127.0.0.1:${port}`);
}

export interface SelfSigned {
  dir: string;
  certFile: string;
  cert: string;
  key: string;
}

/** Generates a fresh self-signed certificate for localhost/127.0.0.1 with openssl. */
export function selfSignedCertificate(): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-net-"));
  const keyFile = join(dir, "key.pem");
  const certFile = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-days",
      "1",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
      "-keyout",
      keyFile,
      "-out",
      certFile,
    ],
    { stdio: "ignore" },
  );
  return { dir, certFile, cert: readFileSync(certFile, "utf8"), key: readFileSync(keyFile, "utf8") };
}

/** Starts an HTTPS server with the given certificate on 127.0.0.1 (reached as `localhost`). */
export function startHttps(tls: SelfSigned, handler: Handler, options: ServerOptions = {}): Promise<Loopback> {
  const server = createHttpsServer({ ...options, cert: tls.cert, key: tls.key }, handler);
  return listen(server, (port) => `https://localhost:${port}`);
}
