import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Matcher } from "../detect/matcher.js";
import { compiledBuiltinRules } from "../rules/builtin.js";
import { inlineAllowReason } from "./markers.js";
import { StreamScanner } from "./stream-scanner.js";

const options = { matcher: new Matcher(compiledBuiltinRules()), decodeDepth: 2 };
const TOKEN = "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";

function scan(bytes: Buffer, chunk?: number, pieces = 7): Array<[number, number, string]> {
  const scanner = new StreamScanner(options, chunk);
  const step = Math.ceil(bytes.length / pieces);
  for (let i = 0; i < bytes.length; i += step) scanner.write(bytes.subarray(i, i + step));
  return scanner.end().map((f) => [f.line, f.column, f.ruleId]);
}

describe("StreamScanner", () => {
  it("reports 1-based line and column", () => {
    expect(scan(Buffer.from(`a\nbb\n  token: ${TOKEN}\n`))).toEqual([[3, 10, "github-pat"]]);
  });

  it("finds a token that straddles a chunk boundary exactly once, with the right line", () => {
    const filler = `${"x = 1;\n".repeat(10_000)}`;
    const text = `${filler}${"y".repeat(60_000 - (filler.length % 60_000))} ${TOKEN}\n${filler}${TOKEN}\n`;
    const expected = scan(Buffer.from(text), 1 << 30, 1);
    expect(expected).toHaveLength(2);
    for (const chunk of [49_152, 65_536, 70_001]) expect(scan(Buffer.from(text), chunk, 13)).toEqual(expected);
  });

  it("finds the same when the writer reuses its buffer for every chunk (property)", () => {
    const filler = "x = 1;\n".repeat(12_000);
    const text = Buffer.from(`${filler} ${TOKEN}\n${filler}key: "${TOKEN}"\n${"z".repeat(100)} ${TOKEN}`);
    const expected = scan(text, 1 << 30, 1);
    expect(expected).toHaveLength(3);
    fc.assert(
      fc.property(fc.integer({ min: 49_152, max: 120_000 }), fc.integer({ min: 100, max: 90_000 }), (chunk, step) => {
        const scanner = new StreamScanner(options, chunk);
        const reused = Buffer.alloc(step);
        for (let i = 0; i < text.length; i += step) {
          const n = text.copy(reused, 0, i, i + step);
          scanner.write(reused.subarray(0, n), true);
          reused.fill(0x41); // what the next read would leave there
        }
        expect(scanner.end().map((f) => [f.line, f.column, f.ruleId])).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });

  it("reads UTF-16LE text with a byte-order mark", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`line one\r\nkey=${TOKEN}\r\n`, "utf16le")]);
    expect(scan(bytes)).toEqual([[2, 5, "github-pat"]]);
  });

  it("reads UTF-16LE text without a byte-order mark", () => {
    expect(scan(Buffer.from(`# settings file with some text\ntoken=${TOKEN}\n`, "utf16le"))).toEqual([
      [2, 7, "github-pat"],
    ]);
  });

  it("scans printable strings inside binary data", () => {
    const bytes = Buffer.concat([Buffer.from([0, 1, 2, 255, 0, 7]), Buffer.from(TOKEN), Buffer.from([0, 0, 3])]);
    expect(scan(bytes)).toEqual([[1, 7, "github-pat"]]);
  });

  it("attaches the reason of an inline allow marker on the finding's line", () => {
    const scanner = new StreamScanner(options);
    scanner.write(Buffer.from(`t = "${TOKEN}" // tollgate:allow fixture for the redaction test\n`));
    expect(scanner.end().map((f) => f.allowedBy)).toEqual(["fixture for the redaction test"]);
  });
});

describe("inlineAllowReason", () => {
  it.each([
    ["x // tollgate:allow used by tests only", "used by tests only"],
    ["x # gitleaks:allow", "gitleaks:allow"],
    ["x // secretlint-disable-line -- fixture", "secretlint-disable-line: fixture"],
    ["x  # pragma: allowlist secret", "pragma: allowlist secret"],
    ["x /* tollgate:allow rotated in 2024 */", "rotated in 2024"],
  ])("reads %s", (line, reason) => {
    expect(inlineAllowReason(line)).toBe(reason);
  });

  it("requires a reason after tollgate:allow", () => {
    expect(inlineAllowReason("x // tollgate:allow")).toBeUndefined();
  });
});

describe("StreamScanner chunking", () => {
  it("finds the same findings whatever the chunk and write sizes", async () => {
    const fc = (await import("fast-check")).default;
    const parts = [
      `a = 1\n`,
      `token: "${TOKEN}"\n`,
      "x".repeat(30_000),
      "\n",
      `k=${Buffer.from(TOKEN).toString("base64")}\n`,
      "y = 2;\n",
    ];
    const text = Buffer.from(parts.join("").repeat(3));
    const expected = scan(text, 1 << 30, 1);
    expect(expected).toHaveLength(6);
    fc.assert(
      fc.property(fc.integer({ min: 49_152, max: 200_000 }), fc.integer({ min: 1, max: 40 }), (chunk, pieces) => {
        expect(scan(text, chunk, pieces)).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});
