import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { buildSarif } from "@tollgate/github";
import { sarifInputs, toJson, toText } from "@tollgate/secrets";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: the corpus generator is plain JavaScript without types
import { gzip, makeTar } from "../fixtures/secrets/corpus/generate.mjs";
import { fixtures, removeTree, scanDir, TOKEN, tree } from "./helpers.js";

let dir: string;
let result: Awaited<ReturnType<typeof scanDir>>;

beforeAll(async () => {
  dir = await tree({
    "src/client.ts": `const token = "${TOKEN}";\n`,
    "test/fixture.ts": `x = "${TOKEN}"; // tollgate:allow fake for tests\n`,
    "deep.tar.gz": gzip(makeTar([{ name: "pkg/.env", data: `\nGITHUB_TOKEN=${TOKEN}\n` }])),
    "bomb.gz": gzip(Buffer.alloc(8 * 1024 * 1024)),
  });
  result = await scanDir(dir, { limits: { "max-ratio": 50 } });
});
afterAll(() => removeTree(dir));

describe("JSON report", () => {
  it("has exactly the documented shape and never the secret", () => {
    const json = toJson(result);
    expect(Object.keys(json)).toEqual(["findings", "suppressed", "unscanned", "stats"]);
    expect(json.findings[0]).toEqual({
      rule: "github-pat",
      file: "deep.tar.gz!pkg/.env",
      line: 2,
      column: 14,
      redacted: "ghp***3mB",
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      severity: "critical",
    });
    expect(json.findings.map((f) => f.file)).toEqual(["deep.tar.gz!pkg/.env", "src/client.ts"]);
    expect(json.suppressed.map((s) => [s.file, s.suppressedBy, s.reason])).toEqual([
      ["test/fixture.ts", "inline", "fake for tests"],
    ]);
    expect(json.unscanned.map((u) => [u.file, u.reason])).toEqual([["bomb.gz", "max-ratio"]]);
    expect(Object.keys(json.stats)).toEqual(["files", "bytes", "archives", "seconds"]);
    expect(JSON.stringify(json)).not.toContain(TOKEN.slice(3, -3));
  });
});

describe("text report", () => {
  it("lists file:line:column, rule and redacted value, then suppressed and unscanned", () => {
    const text = toText(result);
    expect(text).toContain("src/client.ts:1:16  critical  github-pat  ghp***3mB\n");
    expect(text).toContain("suppressed:\n  test/fixture.ts:1:6  github-pat  ghp***3mB  [inline: fake for tests]\n");
    expect(text).toContain("not scanned:\n  bomb.gz  max-ratio:");
    expect(text).not.toContain(TOKEN.slice(3, -3));
  });
});

describe("SARIF report", () => {
  it("validates against the SARIF 2.1.0 schema, with suppressions and unscanned results", async () => {
    const schema = JSON.parse(await readFile(join(fixtures, "sarif-2.1.0-rtm.5.json"), "utf8"));
    const { id, $schema: _draft, ...rest } = schema;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    // ajv-formats is CommonJS: its function is `default` under NodeNext typing, the module itself under vitest.
    const formats = addFormats as unknown as { default?: (a: Ajv) => void } & ((a: Ajv) => void);
    (formats.default ?? formats)(ajv);
    const validate = ajv.compile({ ...rest, $id: id });
    const sarif = buildSarif({ toolName: "tollgate-secrets", toolVersion: "0.0.0", ...sarifInputs(result) });
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const results = sarif.runs[0]?.results ?? [];
    expect(
      results.map((r) => [r.ruleId, r.locations[0]?.physicalLocation.artifactLocation.uri, r.suppressions?.[0]?.kind]),
    ).toEqual([
      ["unscanned", "bomb.gz", undefined],
      ["github-pat", "deep.tar.gz", undefined],
      ["github-pat", "src/client.ts", undefined],
      ["github-pat", "test/fixture.ts", "inSource"],
    ]);
    expect(JSON.stringify(sarif)).not.toContain(TOKEN.slice(3, -3));
  });
});
