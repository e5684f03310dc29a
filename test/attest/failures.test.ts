import { createSigningSession } from "@tollgate/attest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FULCIO_PATH, REKOR_V1_PATH, type SigstoreStack, startSigstoreStack, TSA_PATH } from "../servers/sigstore.js";
import { fakeGitHubToken } from "../servers/sigstore-token.js";
import { loopbackInstance } from "./helpers.js";

let stack: SigstoreStack;
beforeAll(async () => {
  stack = await startSigstoreStack();
});
afterAll(async () => stack.close());

const data = Buffer.from("artifact\n");
const count = (path: string): number => stack.requests.get(path) ?? 0;

describe("signing failure modes", () => {
  it("says which permission to add when the runner has no OIDC token", async () => {
    const session = createSigningSession({ instance: loopbackInstance(stack), getToken: async () => undefined });
    await expect(session.signBlob(data)).rejects.toMatchObject({
      code: "ATTEST_OIDC_UNAVAILABLE",
      message: "no OIDC token is available to this job",
      hint: expect.stringContaining("Add `permissions: id-token: write` to the job"),
    });
  });

  it("turns a failing token provider into the same permission error", async () => {
    const getToken = async (): Promise<string> => {
      throw new Error("Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable");
    };
    await expect(
      createSigningSession({ instance: loopbackInstance(stack), getToken }).signBlob(data),
    ).rejects.toMatchObject({
      code: "ATTEST_OIDC_UNAVAILABLE",
      message: "no OIDC token: Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable",
    });
  });

  it("never repeats the token in an error, even where the sigstore library quotes it", async () => {
    const secret = "ghs_notajwtbutasecretvalue_0123456789";
    const error = await createSigningSession({ instance: loopbackInstance(stack), getToken: async () => secret })
      .signBlob(data)
      .catch((e: Error) => e);
    expect(error).toMatchObject({ code: "ATTEST_SIGNING_FAILED" });
    expect(String((error as Error).message)).not.toContain(secret);
    expect(String((error as Error).message)).toContain("ghs***789");
  });

  it("retries Fulcio after 503 answers and then signs", async () => {
    const before = count(FULCIO_PATH);
    stack.failNext(FULCIO_PATH, 503, 2);
    const session = createSigningSession({
      instance: loopbackInstance(stack),
      getToken: async () => fakeGitHubToken(),
      retries: 3,
    });
    const bundle = await session.signBlob(data);
    expect(bundle.messageSignature).toBeDefined();
    expect(count(FULCIO_PATH) - before).toBe(3);
  });

  it("fails closed, naming the service, when Rekor keeps failing", async () => {
    stack.failNext(REKOR_V1_PATH, 502, 2); // both attempts of retries: 1
    const session = createSigningSession({
      instance: loopbackInstance(stack),
      getToken: async () => fakeGitHubToken(),
      retries: 1,
    });
    await expect(session.signBlob(data)).rejects.toMatchObject({
      code: "ATTEST_SIGNING_FAILED",
      message: expect.stringMatching(/^signing failed at Rekor \(transparency log\): /),
    });
  });

  it("fails closed when a service does not answer within the timeout", async () => {
    stack.setDelay(1_500);
    try {
      const session = createSigningSession({
        instance: loopbackInstance(stack),
        getToken: async () => fakeGitHubToken(),
        retries: 0,
        timeoutMs: 200,
      });
      await expect(session.signBlob(data)).rejects.toMatchObject({
        code: "ATTEST_SIGNING_FAILED",
        message: expect.stringMatching(/^signing failed at Fulcio \(certificate authority\): /),
      });
    } finally {
      stack.setDelay(0);
    }
  });

  it("fails closed when the services are unreachable", async () => {
    const session = createSigningSession({
      instance: { name: "custom", fulcioUrl: "http://127.0.0.1:9", tsaUrl: "http://127.0.0.1:9" },
      getToken: async () => fakeGitHubToken(),
      retries: 0,
    });
    await expect(session.signBlob(data)).rejects.toMatchObject({ code: "ATTEST_SIGNING_FAILED" });
  });

  it("re-requests a bundle whose TSA timestamp @sigstore/core cannot parse, then succeeds", async () => {
    const before = count(TSA_PATH);
    stack.issueBadTimestamps(1);
    const bundle = await createSigningSession({
      instance: loopbackInstance(stack),
      getToken: async () => fakeGitHubToken(),
    }).signBlob(data);
    expect(bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps).toHaveLength(1);
    expect(count(TSA_PATH) - before).toBe(2);
  });

  it("fails closed with the upstream bug named when every timestamp is unparseable", async () => {
    stack.issueBadTimestamps(3);
    const session = createSigningSession({
      instance: loopbackInstance(stack),
      getToken: async () => fakeGitHubToken(),
      timestampAttempts: 3,
    });
    await expect(session.signBlob(data)).rejects.toThrow(
      'the timestamp authority returned 3 timestamps that @sigstore/core cannot parse ("invalid time")',
    );
  });
});
