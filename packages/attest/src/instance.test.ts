import { describe, expect, it } from "vitest";
import { assertInstanceAllowed, GITHUB_INSTANCE, PUBLIC_GOOD, selectInstance } from "./instance.js";

describe("selectInstance", () => {
  it("uses public-good (Fulcio + Rekor) for a public repository", () => {
    expect(selectInstance({ choice: "auto", visibility: "public" })).toBe(PUBLIC_GOOD);
  });

  it("uses GitHub's instance (Fulcio + TSA, no log) for private, internal and unknown visibility", () => {
    expect(selectInstance({ choice: "auto", visibility: "private" })).toBe(GITHUB_INSTANCE);
    expect(selectInstance({ choice: "auto", visibility: "internal" })).toBe(GITHUB_INSTANCE);
    expect(selectInstance({ choice: "auto" })).toBe(GITHUB_INSTANCE);
    expect(GITHUB_INSTANCE.rekorUrl).toBeUndefined();
  });

  it("honours an explicit choice over the visibility", () => {
    expect(selectInstance({ choice: "public-good", visibility: "private" })).toBe(PUBLIC_GOOD);
  });

  it("refuses a custom instance with neither a log nor a TSA", () => {
    expect(() => selectInstance({ choice: "custom", custom: { fulcioUrl: "https://fulcio.example" } })).toThrow(
      "a sigstore instance without Rekor needs a TSA",
    );
  });
});

describe("assertInstanceAllowed", () => {
  it("refuses a service host that is not on the allow-list, naming it", () => {
    expect(() => assertInstanceAllowed(PUBLIC_GOOD, (host) => host === "fulcio.sigstore.dev")).toThrow(
      "sigstore service host rekor.sigstore.dev is not on the network allow-list",
    );
  });

  it("refuses plain http except on loopback", () => {
    const custom = { name: "custom" as const, fulcioUrl: "http://fulcio.example", tsaUrl: "http://127.0.0.1:1" };
    expect(() => assertInstanceAllowed(custom, () => true)).toThrow(
      "sigstore service http://fulcio.example is not https",
    );
    expect(() => assertInstanceAllowed({ ...custom, fulcioUrl: "http://127.0.0.1:2" }, () => true)).not.toThrow();
  });
});
