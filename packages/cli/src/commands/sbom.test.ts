import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GraphBuilder } from "@tollgate/inventory";
import { serializeSbom, toCycloneDx } from "@tollgate/sbom";
import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../__tests__/run-cli.js";

let dir: string;

/** An input SBOM with a project, a runtime and a development dependency (independent of the lockfile readers). */
async function inputSbom(): Promise<string> {
  const b = new GraphBuilder();
  const app = b.addComponent({ ecosystem: "npm", name: "app", version: "1.0.0", role: "root" });
  b.addEdge(app, b.addComponent({ ecosystem: "npm", name: "left-pad", version: "1.3.0" }), "prod");
  b.addEdge(app, b.addComponent({ ecosystem: "npm", name: "jest", version: "29.7.0", scope: "development" }), "dev");
  const doc = toCycloneDx(b.build({ id: "tollgate:root", name: "app" }), {
    timestamp: new Date(0),
    toolVersion: "0.0.0",
  });
  const path = join(dir, "input.cdx.json");
  await writeFile(path, serializeSbom(doc));
  return path;
}

async function tollgate(args: string[], env: NodeJS.ProcessEnv = { SOURCE_DATE_EPOCH: "1700000000" }) {
  return runCli(args, dir, env);
}

async function readJson(path: string) {
  return JSON.parse(await readFile(path, "utf8"));
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "tollgate-cli-sbom-"));
});

describe("tollgate sbom", () => {
  it("writes sbom.cdx.json and sbom.spdx.json into --output-dir and exits 0", async () => {
    const input = await inputSbom();
    const result = await tollgate(["sbom", input, "--output-dir", "out"]);
    expect(result.code).toBe(0);
    expect((await readJson(join(dir, "out/sbom.cdx.json"))).specVersion).toBe("1.6");
    expect((await readJson(join(dir, "out/sbom.spdx.json"))).spdxVersion).toBe("SPDX-2.3");
    expect(result.stderr).toContain(`tollgate: wrote ${join(dir, "out/sbom.cdx.json")} (cyclonedx-json, 2 components)`);
  });

  it("writes byte-identical files on two runs with SOURCE_DATE_EPOCH set", async () => {
    const input = await inputSbom();
    await tollgate(["sbom", input, "--output-dir", "a"]);
    await tollgate(["sbom", input, "--output-dir", "b"]);
    for (const name of ["sbom.cdx.json", "sbom.spdx.json"]) {
      expect(await readFile(join(dir, "b", name), "utf8")).toBe(await readFile(join(dir, "a", name), "utf8"));
    }
    expect((await readJson(join(dir, "a/sbom.cdx.json"))).metadata.timestamp).toBe("2023-11-14T22:13:20.000Z");
  });

  it("writes only the one --format to --output", async () => {
    const input = await inputSbom();
    const result = await tollgate(["sbom", input, "--format", "spdx-json", "--output", "x.json"]);
    expect(result.code).toBe(0);
    expect((await readJson(join(dir, "x.json"))).spdxVersion).toBe("SPDX-2.3");
  });

  it("writes the document to stdout with --output -", async () => {
    const input = await inputSbom();
    const result = await tollgate(["sbom", input, "--format", "cyclonedx-json", "--output", "-"]);
    expect(JSON.parse(result.stdout).bomFormat).toBe("CycloneDX");
  });

  it("writes CycloneDX 1.5 with --spec-version 1.5", async () => {
    const input = await inputSbom();
    await tollgate(["sbom", input, "--format", "cyclonedx-json", "--output", "b.json", "--spec-version", "1.5"]);
    expect((await readJson(join(dir, "b.json"))).specVersion).toBe("1.5");
  });

  it("leaves development dependencies out with --omit dev", async () => {
    const input = await inputSbom();
    await tollgate(["sbom", input, "--omit", "dev", "--format", "cyclonedx-json", "--output", "c.json"]);
    const names = (await readJson(join(dir, "c.json"))).components.map((c: { name: string }) => c.name);
    expect(names).toEqual(["app", "left-pad"]);
  });

  it("exits 2 with a formatted error when --output is given two formats", async () => {
    const input = await inputSbom();
    const result = await tollgate(["sbom", input, "--output", "x.json"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--output names one file, but 2 formats were asked for [SBOM_USAGE]");
  });

  it("exits 2 naming the path when it does not exist", async () => {
    const result = await tollgate(["sbom", "missing-dir"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, "missing-dir")} does not exist or cannot be read [PATH_NOT_FOUND]`);
  });

  it("exits 2 on an unknown --format", async () => {
    const result = await tollgate(["sbom", ".", "--format", "xml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("argument 'xml' is invalid");
  });

  it("exits 2 when SOURCE_DATE_EPOCH is not a number", async () => {
    const input = await inputSbom();
    const result = await tollgate(["sbom", input], { SOURCE_DATE_EPOCH: "yesterday" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SOURCE_DATE_EPOCH is "yesterday"');
  });

  it("prints the graph's warnings to stderr", async () => {
    const input = await inputSbom();
    const doc = await readJson(input);
    doc.components.push({ type: "file", name: "README.md" });
    await writeFile(input, JSON.stringify(doc));
    const result = await tollgate(["sbom", input, "--output-dir", "w"]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(
      `tollgate: warning: ${input}: component README.md has no purl; it is left out of the graph [SBOM_COMPONENT_SKIPPED]`,
    );
  });

  it("says in --help where the files go by default", async () => {
    const result = await tollgate(["sbom", "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("sbom.cdx.json (CycloneDX 1.6)");
    expect(result.stdout).toContain("sbom.spdx.json (SPDX 2.3)");
  });
});
