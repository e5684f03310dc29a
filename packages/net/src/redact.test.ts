import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bodyExcerpt, mask, redactPath, redactSecrets } from "./redact.js";

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const ghp = "ghp_0123456789abcdefghijABCDEFGHIJ012345";

describe("redactSecrets", () => {
  it("masks a GitHub token as abc***xyz", () => {
    expect(redactSecrets(`bad credentials for ${ghp}`)).toBe("bad credentials for ghp***345");
  });

  it("masks the value of a Bearer authorization", () => {
    expect(redactSecrets("authorization: Bearer s3cr3t-t0ken-value")).toBe("authorization: Bearer s3c***lue");
  });

  it("masks values assigned to secret-looking keys", () => {
    expect(redactSecrets('{"token":"hunter22hunter22","name":"left-pad"}')).toBe(
      '{"token":"hun***r22","name":"left-pad"}',
    );
  });

  it("masks long hex and base64 runs", () => {
    const hex = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    expect(redactSecrets(`key ${hex} end`)).toBe("key 9f8***a08 end");
  });

  it("leaves ordinary prose alone", () => {
    const text = "Not Found: the package left-pad@1.3.0 does not exist";
    expect(redactSecrets(text)).toBe(text);
  });

  it("never lets a generated GitHub token through", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9]{36}$/),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        (secret, before, after) => {
          const token = `ghp_${secret}`;
          expect(redactSecrets(`${before} ${token} ${after}`)).not.toContain(token);
        },
      ),
    );
  });
});

describe("mask", () => {
  it("keeps three characters at each end of a long secret and none of a short one", () => {
    expect(mask("abcdefghijklmnop")).toBe("abc***nop");
    expect(mask("short")).toBe("***");
  });
});

describe("redactPath", () => {
  it("masks a token in a path but keeps digests auditable", () => {
    const digest = "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    expect(redactPath(`/hooks/${ghp}/blobs/${digest}`)).toBe(`/hooks/ghp***345/blobs/${digest}`);
  });
});

describe("bodyExcerpt", () => {
  it("collapses whitespace and redacts", () => {
    expect(bodyExcerpt(encode(`{\n  "message": "Bad credentials",\n  "token": "${ghp}"\n}`))).toBe(
      '{ "message": "Bad credentials", "token": "ghp***345" }',
    );
  });

  it("keeps at most 200 characters and marks the cut", () => {
    const excerpt = bodyExcerpt(encode("word ".repeat(500)));
    expect(excerpt).toHaveLength(201);
    expect(excerpt.endsWith("…")).toBe(true);
  });

  it("drops a secret cut in half at the edge of what it reads", () => {
    const body = `${"a ".repeat(395)}${ghp}`;
    expect(bodyExcerpt(encode(body))).not.toMatch(/ghp_/);
  });
});
