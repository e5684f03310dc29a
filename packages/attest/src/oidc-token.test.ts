import { createServer, type Server } from "node:http";
import { createHttpClient } from "@tollgate/net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenFromEnvironment } from "./oidc-token.js";

let server: Server;
let url: string;
const http = createHttpClient({ allowOnly: ["127.0.0.1"], sleep: async () => {} });

beforeAll(async () => {
  // The runner's endpoint: GET <url>&audience=… with the request token as bearer, answering {"value": <jwt>}.
  server = createServer((req, res) => {
    const audience = new URL(req.url ?? "/", "http://x").searchParams.get("audience");
    if (req.headers.authorization !== "Bearer request-token") res.writeHead(401).end();
    else
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify(audience === "sigstore" ? { value: "jwt-for-sigstore" } : {}));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/idtoken?api-version=2.0`;
});
afterAll(async () => new Promise((resolve) => server.close(resolve)));

describe("tokenFromEnvironment", () => {
  it("prefers SIGSTORE_ID_TOKEN", async () => {
    expect(await tokenFromEnvironment({ SIGSTORE_ID_TOKEN: "given", ACTIONS_ID_TOKEN_REQUEST_URL: url }, http)).toBe(
      "given",
    );
  });

  it("asks the Actions runner for a token with audience sigstore", async () => {
    const env = { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: "request-token" };
    expect(await tokenFromEnvironment(env, http)).toBe("jwt-for-sigstore");
  });

  it("returns undefined without `id-token: write` (no request variables)", async () => {
    expect(await tokenFromEnvironment({}, http)).toBeUndefined();
  });
});
