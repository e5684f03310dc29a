import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compiledBuiltinRules } from "../rules/builtin.js";
import { Matcher } from "./matcher.js";
import { ByteText } from "./text.js";

describe("a windowed rule with a lead (url-credentials)", () => {
  const rules = compiledBuiltinRules();
  const url = rules.find((r) => r.id === "url-credentials");
  const withLead = new Matcher(rules);
  const withoutLead = new Matcher(rules.map((r) => ({ ...r, lead: undefined })));
  const found = (matcher: Matcher, text: string | ByteText): string[] =>
    matcher.scan(text).map((m) => `${m.rule.id} ${m.start}-${m.end} ${m.secret}`);

  it("is read from the rules file: every match has its keyword within 31 characters of its start", () => {
    expect([url?.lead, url?.keywords]).toEqual([31, ["://"]]);
  });

  it("finds what the regex finds without skipping ahead, in URLs cut and glued together (property)", () => {
    const piece = fc.constantFrom(
      "https://user:s3cr3tPassw0rd@example.org/x ",
      "postgres://admin:hunter2hunter2@db.internal:5432/app\n",
      "git+ssh://git:tok3nvalue99@github.example/r.git",
      "://",
      "http://example.org/",
      "a".repeat(29),
      "abcdefghijklmnopqrstuvwxyz0123456789+.-",
      ":pw@host",
      "user:",
      "@",
      " ",
      "\n",
      "x".repeat(300),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (pieces) => {
        const text = pieces.join("");
        expect(found(withLead, text)).toEqual(found(withoutLead, text));
        expect(found(withLead, new ByteText(Buffer.from(text, "latin1")))).toEqual(found(withoutLead, text));
      }),
      { numRuns: 2000 },
    );
  });
});
