import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hexToHash, sriToHashes } from "./sri-hash.js";

describe("sriToHashes", () => {
  it("reads each SRI entry as its algorithm and the lower-case hex of its digest", () => {
    const sha512 = createHash("sha512").update("a").digest();
    const sha1 = createHash("sha1").update("a").digest();
    expect(sriToHashes(`sha512-${sha512.toString("base64")} sha1-${sha1.toString("base64")}?opt`)).toEqual([
      { alg: "SHA-512", content: sha512.toString("hex") },
      { alg: "SHA-1", content: sha1.toString("hex") },
    ]);
  });

  it("leaves out unknown algorithms, bad base64 and digests of the wrong length", () => {
    const sha256 = createHash("sha256").update("a").digest("base64");
    expect(sriToHashes(`md4-AAAA sha512-${sha256} sha256-***${sha256.slice(3)} sha256`)).toEqual([]);
  });

  it("decodes any digest exactly as Buffer does", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const digest = Buffer.from(bytes);
        expect(sriToHashes(`sha256-${digest.toString("base64")}`)).toEqual([
          { alg: "SHA-256", content: digest.toString("hex") },
        ]);
      }),
    );
  });
});

describe("hexToHash", () => {
  it("tells the algorithm from the length of a hex digest", () => {
    expect(hexToHash("86F7E437FAA5A7FCE15D1DDCB9EAEAEA377667B8")).toEqual({
      alg: "SHA-1",
      content: "86f7e437faa5a7fce15d1ddcb9eaeaea377667b8",
    });
    expect(hexToHash("not-hex")).toBeUndefined();
    expect(hexToHash("abcd")).toBeUndefined();
  });
});
