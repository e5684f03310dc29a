import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createSigningSession, signArtifacts, verifyArtifactBundle } from "@tollgate/attest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REKOR_V1_PATH, type SigstoreStack, startSigstoreStack, TSA_PATH } from "../servers/sigstore.js";
import { fakeGitHubToken } from "../servers/sigstore-token.js";
import { loopbackInstance, loopbackSession, policy, trustOf, writeArtifacts } from "./helpers.js";

let stack: SigstoreStack;
beforeAll(async () => {
  stack = await startSigstoreStack();
});
afterAll(async () => stack.close());

const count = (path: string): number => stack.requests.get(path) ?? 0;
const sha256 = (data: Buffer): string => createHash("sha256").update(data).digest("hex");
/** 1 MiB + 1 byte of varied content: more than one read chunk, and a partial last one. */
const large = Buffer.from(Array.from({ length: 1024 * 1024 + 1 }, (_, i) => (i * 7 + (i >> 10)) % 256));

describe("signFile (one pass over the file)", () => {
  it("returns the file's sha256 and a bundle that verifies over the file's bytes", async () => {
    const { paths } = await writeArtifacts({ "widgets.tar": "" });
    const path = paths[0] as string;
    await writeFile(path, large);
    const { sha256: digest, bundle } = await loopbackSession(stack).signFile(path);
    expect(digest).toBe(sha256(large));
    expect(Buffer.from(bundle.messageSignature?.messageDigest?.digest ?? "", "base64").toString("hex")).toBe(digest);
    const result = verifyArtifactBundle({
      artifact: { name: "widgets.tar", data: large },
      bundle: bundle as unknown as Record<string, unknown>,
      bundleFile: "widgets.tar.sigstore.json",
      trust: trustOf(stack),
      identity: policy,
    });
    expect(result.kind).toBe("message-signature");
  });

  it("signs an empty file", async () => {
    const { paths } = await writeArtifacts({ "empty.bin": "" });
    const { sha256: digest } = await loopbackSession(stack).signFile(paths[0] as string);
    expect(digest).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("reads the file again for a new timestamp and keeps it when the file is unchanged", async () => {
    const { paths } = await writeArtifacts({ "a.tgz": "alpha\n" });
    const before = count(TSA_PATH);
    stack.issueBadTimestamps(1);
    const session = createSigningSession({
      instance: loopbackInstance(stack, { rekor: false }),
      getToken: async () => fakeGitHubToken(),
    });
    const { sha256: digest, bundle } = await session.signFile(paths[0] as string);
    expect(digest).toBe(sha256(Buffer.from("alpha\n")));
    expect(bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps).toHaveLength(1);
    expect(count(TSA_PATH) - before).toBe(2);
  });

  it("refuses a file that changed between the first attempt and its retry", async () => {
    const { paths } = await writeArtifacts({ "a.tgz": "alpha\n" });
    const path = paths[0] as string;
    const session = createSigningSession({
      instance: loopbackInstance(stack, { rekor: false }),
      getToken: async () => fakeGitHubToken(),
    });
    await session.certificatePem();
    const before = count(TSA_PATH);
    stack.issueBadTimestamps(1);
    stack.setDelay(300);
    try {
      const signing = session.signFile(path);
      // The first timestamp request has arrived (the file was read); rewrite the file while it is answered.
      while (count(TSA_PATH) === before) await new Promise((resolve) => setTimeout(resolve, 5));
      await writeFile(path, "tampered\n");
      await expect(signing).rejects.toMatchObject({
        code: "ATTEST_ARTIFACT_CHANGED",
        message: `${path} changed while it was being signed`,
        location: { file: path },
      });
    } finally {
      stack.setDelay(0);
    }
  });

  it("names a file it cannot read", async () => {
    await expect(loopbackSession(stack).signFile("/nonexistent/a.tgz")).rejects.toMatchObject({
      code: "ATTEST_READ_FAILED",
      location: { file: "/nonexistent/a.tgz" },
    });
  });
});

describe("signArtifacts reads each artifact once", () => {
  it("writes SHA256SUMS from the same pass that signed each artifact", async () => {
    const { dir, paths } = await writeArtifacts({ "b.tgz": "bravo\n", "a.tgz": "alpha\n" });
    const result = await signArtifacts({ paths, session: loopbackSession(stack), outDir: dir });
    expect(result.artifacts).toEqual([
      { name: "a.tgz", path: join(dir, "a.tgz"), sha256: sha256(Buffer.from("alpha\n")) },
      { name: "b.tgz", path: join(dir, "b.tgz"), sha256: sha256(Buffer.from("bravo\n")) },
    ]);
    const bundle = JSON.parse(await readFile(join(dir, "b.tgz.sigstore.json"), "utf8"));
    expect(Buffer.from(bundle.messageSignature.messageDigest.digest, "base64").toString("hex")).toBe(
      sha256(Buffer.from("bravo\n")),
    );
  });

  it("refuses a directory among the artifacts before anything reaches the log", async () => {
    const { dir, paths } = await writeArtifacts({ "a.tgz": "alpha\n" });
    await mkdir(join(dir, "b.tgz"));
    const before = count(REKOR_V1_PATH);
    await expect(
      signArtifacts({ paths: [...paths, join(dir, "b.tgz")], session: loopbackSession(stack), outDir: dir }),
    ).rejects.toMatchObject({
      code: "ATTEST_READ_FAILED",
      message: `cannot read ${join(dir, "b.tgz")}: not a regular file`,
      location: { file: join(dir, "b.tgz") },
    });
    expect(count(REKOR_V1_PATH)).toBe(before);
  });

  it("refuses a missing artifact before anything reaches the log", async () => {
    const { dir, paths } = await writeArtifacts({ "a.tgz": "alpha\n" });
    const before = count(REKOR_V1_PATH);
    await expect(
      signArtifacts({ paths: [...paths, join(dir, "gone.tgz")], session: loopbackSession(stack), outDir: dir }),
    ).rejects.toMatchObject({ code: "ATTEST_READ_FAILED", location: { file: join(dir, "gone.tgz") } });
    expect(count(REKOR_V1_PATH)).toBe(before);
  });
});
