import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compiledBuiltinRules } from "../rules/builtin.js";
import { guardAllows } from "./guard.js";
import { keywordTailGuard } from "./keyword-tail.js";
import { Matcher } from "./matcher.js";
import { ByteText } from "./text.js";

describe("keywordTailGuard", () => {
  const url = String.raw`(?<![A-Za-z0-9])[a-zA-Z][a-zA-Z0-9+.-]{1,30}:\/\/(?<user>[^\s:/?#@]{0,64}):(?<secret>[^\s@/]{3,128})@[a-z.]+`;

  it("reads what follows a top-level literal keyword (escaped characters included)", () => {
    const guard = keywordTailGuard(url, "://");
    const after = (text: string): boolean => guardAllows(guard as NonNullable<typeof guard>, text, 0, false);
    expect(guard).toBeDefined();
    expect([after("user:pass@host"), after(":secret@h"), after("example.org/path"), after("")]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it.each([
    ["inside a group", String.raw`(?:x:\/\/)([a-z]{8})`],
    ["inside a class", String.raw`[:\/]{3}([a-z]{8})`],
    ["with a top-level alternation", String.raw`a:\/\/b|([a-z]{8})`],
    ["quantified", String.raw`x:\/\/?([a-z]{8})`],
    ["twice", String.raw`a:\/\/([a-z]{8}):\/\/`],
    ["absent", "([a-z]{8})"],
    ["after a literal brace", String.raw`a{b:\/\/([a-z]{8})`],
  ])("is undefined for a keyword %s", (_what, source) => {
    expect(keywordTailGuard(source, "://")).toBeUndefined();
  });
});

describe("windowed rules with a keyword tail", () => {
  const rules = compiledBuiltinRules();
  const tailed = rules.filter((r) => r.tail !== undefined);
  const withTails = new Matcher(rules);
  const withoutTails = new Matcher(rules.map((r) => ({ ...r, tail: undefined })));
  const found = (matcher: Matcher, text: string | ByteText): string[] =>
    matcher.scan(text).map((m) => `${m.rule.id} ${m.start}-${m.end} ${m.secret}`);

  it("are url-credentials and azure-sas-token among the built-in rules", () => {
    expect(tailed.map((r) => r.id).sort()).toEqual(["azure-sas-token", "url-credentials"]);
  });

  it("find what the rules find without the tails, in texts cut and glued together (property)", () => {
    const piece = fc.constantFrom(
      "https://user:s3cr3tPassw0rd@example.org/x ",
      "postgres://admin:hunter2hunter2@db.internal:5432/app\n",
      "http://localhost:8080/",
      "http://example.org/",
      "://",
      "user:",
      ":pw@host",
      "@",
      "https://acct.blob.core.windows.net/c?sv=2021-08-06&ss=b&srt=o&sp=r&se=2030-01-01&sig=",
      "sig=",
      "&sig=Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyMDEyMw%3D%3D",
      "abcdefghijklmnopqrstuvwxyz0123456789+/%=",
      " ",
      "\n",
      "x".repeat(300),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join("");
        const expected = found(withoutTails, text);
        expect(found(withTails, text)).toEqual(expected);
        expect(found(withTails, new ByteText(Buffer.from(text, "latin1")))).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
