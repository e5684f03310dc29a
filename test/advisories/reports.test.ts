import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_AUDIT_POLICY, renderMarkdown, renderText, runAudit, sarifInput } from "@tollgate/advisories";
import { buildSarif } from "@tollgate/github";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { ADVISORIES, FIXTURES, graphOf } from "./graphs.js";

const graph = graphOf([
  { name: "express-app", version: "1.0.0", direct: true, deps: ["minimist"], line: 10 },
  { name: "minimist", version: "1.2.5", line: 42 },
  { name: "markdown-it", version: "11.0.1", direct: true, line: 77 },
]);

async function report(policy = {}) {
  return runAudit({
    graph,
    source: { kind: "offline", dir: ADVISORIES },
    policy: { ...DEFAULT_AUDIT_POLICY, maxDatabaseAgeMs: Number.MAX_SAFE_INTEGER, ...policy },
    now: () => new Date("2026-11-20T00:00:00Z"),
  });
}

describe("SARIF", () => {
  it("validates against the SARIF 2.1.0 schema and points at the lockfile line of each package", async () => {
    // The schema is the one the secrets tests keep (schemastore's sarif-2.1.0-rtm.5).
    const schema = JSON.parse(await readFile(join(FIXTURES, "secrets/sarif-2.1.0-rtm.5.json"), "utf8"));
    const { id, $schema: _draft, ...rest } = schema;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    const formats = addFormats as unknown as { default?: (a: Ajv) => void } & ((a: Ajv) => void);
    (formats.default ?? formats)(ajv);
    const validate = ajv.compile({ ...rest, $id: id });
    const sarif = buildSarif({
      toolName: "tollgate-audit",
      toolVersion: "0.0.0",
      ...sarifInput(await report(), "app/"),
    });
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
    const results = sarif.runs[0]?.results ?? [];
    expect(results.map((r) => [r.ruleId, r.level, r.locations[0]?.physicalLocation])).toEqual([
      [
        "GHSA-xvch-5gv4-984h",
        "error",
        { artifactLocation: { uri: "app/package-lock.json" }, region: { startLine: 42 } },
      ],
      [
        "GHSA-6vfc-qv3f-vr6c",
        "error",
        { artifactLocation: { uri: "app/package-lock.json" }, region: { startLine: 77 } },
      ],
    ]);
    expect(
      sarif.runs[0]?.tool.driver.rules.find((r) => r.id === "GHSA-xvch-5gv4-984h")?.properties?.["security-severity"],
    ).toBe("9.8");
  });

  it("leaves ignored findings out", async () => {
    const r = await report({ ignore: [{ id: "CVE-2021-44906", reason: "test", expires: "2027-01-01" }] });
    expect(sarifInput(r).results.map((x) => x.ruleId)).toEqual(["GHSA-6vfc-qv3f-vr6c"]);
  });
});

describe("text and Markdown", () => {
  it("shows the mode, a row per finding and the path from the direct dependency", async () => {
    const text = renderText(await report());
    expect(text).toContain("tollgate audit (high-assurance mode)");
    expect(text).toContain("FAIL     GHSA-xvch-5gv4-984h  minimist@1.2.5      critical 9.8  1.2.6");
    expect(text).toContain("  path: express-app@1.0.0 > minimist@1.2.5");
    expect(text.trimEnd().split("\n").at(-1)).toBe("2 finding(s): 2 failing, 0 warning(s), 0 ignored — FAILED");
  });

  it("renders the job summary table with aliases and fixed versions", async () => {
    const md = renderMarkdown(await report({ mode: "developer" }));
    expect(md.split("\n")[0]).toBe("## Advisory audit: ✅ passed");
    expect(md).toContain("Mode **developer**");
    expect(md).toContain(
      "| warn | GHSA-xvch-5gv4-984h, CVE-2021-44906 | npm minimist@1.2.5 | critical (9.8) | 1.2.6 | express-app@1.0.0 > minimist@1.2.5 |",
    );
  });
});
