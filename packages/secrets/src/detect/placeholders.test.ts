import { describe, expect, it } from "vitest";
import { isIdentifierOrDigest, placeholderReason } from "./placeholders.js";

describe("placeholderReason", () => {
  it.each([
    ["AKIAIOSFODNN7EXAMPLE", "documented example key"],
    ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "documented example key"],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal ${...} text is the input under test
    ["${NPM_TOKEN}", "template reference"],
    ["{{ slack_token }}", "template reference"],
    ["<YOUR_API_KEY>", "template reference"],
    ["sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "filler run"],
    ["ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX", "filler run"],
    ["your_api_key_here", "placeholder word"],
    ["abcdefghijklmnop", "character sequence"],
  ])("recognises %s as a %s", (value, reason) => {
    expect(placeholderReason(value)).toBe(reason);
  });

  it.each([
    "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",
    "tGCPFneRaQ8W8Xlrwrgn5F2tqDL4k0xi",
    "kZjlSbiIlq-qm6JpO",
  ])("leaves the generated value %s alone", (value) => {
    expect(placeholderReason(value)).toBeUndefined();
  });
});

describe("isIdentifierOrDigest", () => {
  it.each([
    "b53cade2-d461-4e9b-be6b-b5e8ea689ea4",
    "bd6c08b07d75bbb14d5d2cefde055c0119b8a8ef",
    "sha256:f8167f69b9ab96ae08f843c03016b66a547f0bb3a16ca6da57d3452d2d8d51e4",
    "sha512-z4PhNX7vuL3xVChQ1m2AB9Yg5AULVxXcg/SpIdNs6c5H0NE8XYXysP+DGNKHfuwvY7kxvUR",
  ])("treats %s as an identifier or digest", (value) => {
    expect(isIdentifierOrDigest(value)).toBe(true);
  });

  it("does not treat a token as an identifier", () => {
    expect(isIdentifierOrDigest("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")).toBe(false);
  });
});
