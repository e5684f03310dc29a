import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GraphBuilder, readInventory } from "@tollgate/inventory";
import { evaluatePolicy, gatherFacts, parseMetadata, parsePolicy, withResolvedLicenses } from "@tollgate/policy";
import { describe, expect, it } from "vitest";
import { npmProject } from "./helpers.js";

describe("facts from local metadata", () => {
  it("reads npm's deprecation messages from the lockfile and reports them as the policy says", async () => {
    const dir = npmProject("Kong__insomnia");
    const graph = await readInventory(dir);
    const facts = await gatherFacts(graph, { dir });
    const deprecated = [...facts.values()].filter((f) => f.deprecated !== undefined);
    expect(deprecated).toHaveLength(16);
    const report = evaluatePolicy(graph, parsePolicy("version: 1\ndeprecated: deny\n", "tollgate.yml"), { facts });
    const finding = report.findings.find((f) => f.package === "@humanwhocodes/config-array");
    expect([finding?.rule, finding?.level, finding?.message]).toEqual([
      "deprecated",
      "deny",
      "@humanwhocodes/config-array@0.13.0 is deprecated: Use @eslint/config-array instead",
    ]);
  });

  it("takes a missing license from node_modules/<name>/package.json of the same version", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tollgate-nm-"));
    mkdirSync(join(dir, "node_modules", "date-now"), { recursive: true });
    writeFileSync(
      join(dir, "node_modules", "date-now", "package.json"),
      '{"name":"date-now","version":"0.1.4","license":"MIT"}',
    );
    const builder = new GraphBuilder();
    const id = builder.addComponent({ ecosystem: "npm", name: "date-now", version: "0.1.4" });
    const facts = await gatherFacts(builder.build({ id: "tollgate:root", name: "x" }), { dir });
    expect(facts.get(id)).toEqual({ license: "MIT", origin: "node_modules/date-now/package.json" });
  });

  it("takes Python licenses from dist-info METADATA, preferring License-Expression", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tollgate-venv-"));
    const info = join(dir, ".venv", "lib", "python3.12", "site-packages", "Flask_Cors-4.0.1.dist-info");
    mkdirSync(info, { recursive: true });
    writeFileSync(
      join(info, "METADATA"),
      "Metadata-Version: 2.4\nName: Flask_Cors\nVersion: 4.0.1\nLicense: MIT license\nLicense-Expression: MIT\n\nbody License: GPL\n",
    );
    const builder = new GraphBuilder();
    const id = builder.addComponent({ ecosystem: "PyPI", name: "flask-cors", version: "4.0.1" });
    const facts = await gatherFacts(builder.build({ id: "tollgate:root", name: "x" }), { dir });
    expect(facts.get(id)).toEqual({
      license: "MIT",
      origin: ".venv/lib/python3.12/site-packages/Flask_Cors-4.0.1.dist-info/METADATA",
    });
  });

  it("keeps a legacy License header as the raw string", () => {
    expect(parseMetadata("Name: x\nVersion: 1\nLicense: BSD\n").license).toBe("BSD");
    expect(parseMetadata("Name: x\nVersion: 1\nLicense: UNKNOWN\n").license).toBeUndefined();
  });
});

describe("withResolvedLicenses", () => {
  it("fills a missing license from metadata and a clarified one from the policy, leaving the rest as recorded", () => {
    const builder = new GraphBuilder();
    const missing = builder.addComponent({ ecosystem: "npm", name: "date-now", version: "0.1.4" });
    const wrong = builder.addComponent({ ecosystem: "npm", name: "entities", version: "1.0.0", license: "BSD-like" });
    const fine = builder.addComponent({ ecosystem: "npm", name: "lib", version: "1.0.0", license: "MIT" });
    const graph = builder.build({ id: "tollgate:root", name: "x" });
    const policy = parsePolicy(
      "version: 1\nlicenses:\n  clarify:\n    - package: entities\n      version: 1.0.0\n      ecosystem: npm\n      expression: BSD-2-Clause\n      reason: LICENSE file\n",
      "tollgate.yml",
    );
    const resolved = withResolvedLicenses(graph, new Map([[missing, { license: "MIT" }]]), policy);
    const byId = new Map(resolved.components.map((c) => [c.id, c.license]));
    expect([byId.get(missing), byId.get(wrong), byId.get(fine)]).toEqual(["MIT", "BSD-2-Clause", "MIT"]);
    expect(graph.components.find((c) => c.id === missing)?.license).toBeUndefined();
  });
});
