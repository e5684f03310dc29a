import { createHttpClient } from "@tollgate/net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  FULCIO_PATH,
  REKOR_V1_PATH,
  type SigstoreStack,
  startSigstoreStack,
  TSA_PATH,
} from "../../../test/servers/sigstore.js";
import { fakeGitHubToken } from "../../../test/servers/sigstore-token.js";
import { createSigningSession } from "./signing-session.js";

let stack: SigstoreStack;
beforeAll(async () => {
  stack = await startSigstoreStack();
});
afterAll(async () => stack.close());

describe("a signing session's requests", () => {
  it("go through the HttpClient it is given: one egress record for the certificate, each entry and each timestamp", async () => {
    const lines: string[] = [];
    const http = createHttpClient({ allowOnly: ["127.0.0.1"], transport: "dispatcher", log: (l) => lines.push(l) });
    const session = createSigningSession({
      instance: { name: "custom", fulcioUrl: stack.url, rekorUrl: stack.url, rekorVersion: 1, tsaUrl: stack.url },
      getToken: async () => fakeGitHubToken(),
      http,
    });
    const before = { fulcio: stack.requests.get(FULCIO_PATH) ?? 0, rekor: stack.requests.get(REKOR_V1_PATH) ?? 0 };
    await session.signBlob(Buffer.from("one\n"));
    await session.signBlob(Buffer.from("two\n"));
    expect(http.egress.map((r) => [r.method, r.path, r.status, r.attempts]).sort()).toEqual([
      ["POST", REKOR_V1_PATH, 201, 1],
      ["POST", REKOR_V1_PATH, 201, 1],
      ["POST", TSA_PATH, 201, 1],
      ["POST", TSA_PATH, 201, 1],
      ["POST", FULCIO_PATH, 201, 1],
    ]);
    expect(lines).toHaveLength(5);
    expect((stack.requests.get(FULCIO_PATH) ?? 0) - before.fulcio).toBe(1);
    expect((stack.requests.get(REKOR_V1_PATH) ?? 0) - before.rekor).toBe(2);
  });

  it("are refused before any connection when the client may not reach the service", async () => {
    const http = createHttpClient({ allowOnly: ["fulcio.example.org"], transport: "dispatcher" });
    const session = createSigningSession({
      instance: { name: "custom", fulcioUrl: stack.url, rekorUrl: stack.url, rekorVersion: 1 },
      getToken: async () => fakeGitHubToken(),
      http,
    });
    const before = stack.requests.get(FULCIO_PATH) ?? 0;
    await expect(session.signBlob(Buffer.from("one\n"))).rejects.toMatchObject({
      code: "ATTEST_SIGNING_FAILED",
      message:
        "signing failed at Fulcio (certificate authority): POST 127.0.0.1/api/v2/signingCert refused: host 127.0.0.1 is not on the allow-list",
    });
    expect(stack.requests.get(FULCIO_PATH) ?? 0).toBe(before);
  });
});
