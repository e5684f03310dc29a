import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GraphBuilder } from "@tollgate/inventory";
import { serializeSbom, toCycloneDx } from "@tollgate/sbom";
import { describe, expect, it } from "vitest";
import { runBundledAction } from "../harness/bundled-action.js";

/** Runs the bundled sbom action with a fixed SOURCE_DATE_EPOCH. */
function runAction(workspace: string, inputs: Record<string, string>) {
  return runBundledAction("sbom", workspace, inputs, { SOURCE_DATE_EPOCH: "1700000000" });
}

async function workspaceWithSbom(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tollgate-action-sbom-"));
  const b = new GraphBuilder();
  const app = b.addComponent({ ecosystem: "npm", name: "app", version: "1.0.0", role: "root" });
  b.addEdge(app, b.addComponent({ ecosystem: "npm", name: "left-pad", version: "1.3.0" }), "prod");
  b.addEdge(app, b.addComponent({ ecosystem: "npm", name: "jest", version: "29.7.0", scope: "development" }), "dev");
  const doc = toCycloneDx(b.build({ id: "tollgate:root", name: "app" }), { timestamp: new Date(0), toolVersion: "0" });
  await writeFile(join(dir, "input.cdx.json"), serializeSbom(doc));
  return dir;
}

describe("actions/sbom (the committed bundle)", () => {
  it("writes both SBOMs and sets the file and count outputs", async () => {
    const dir = await workspaceWithSbom();
    const { outputs } = await runAction(dir, { path: "input.cdx.json", "output-dir": "sboms", formats: "", omit: "" });
    expect(outputs).toEqual({
      "cyclonedx-file": join(dir, "sboms/sbom.cdx.json"),
      "spdx-file": join(dir, "sboms/sbom.spdx.json"),
      "component-count": "2",
    });
    expect(JSON.parse(await readFile(join(dir, "sboms/sbom.spdx.json"), "utf8")).spdxVersion).toBe("SPDX-2.3");
  });

  it("leaves development dependencies out with omit: dev and writes only the formats asked for", async () => {
    const dir = await workspaceWithSbom();
    const { outputs } = await runAction(dir, { path: "input.cdx.json", formats: "cyclonedx-json", omit: "dev" });
    expect(outputs["spdx-file"]).toBe("");
    expect(outputs["component-count"]).toBe("1");
  });

  it("writes a job summary with components per ecosystem and the direct dependencies", async () => {
    const dir = await workspaceWithSbom();
    const { summary } = await runAction(dir, { path: "input.cdx.json" });
    expect(summary).toContain("| npm | 2 | 2 | 1 |");
    expect(summary).toContain("| left-pad | 1.3.0 | npm | required |");
    expect(summary).toContain("| jest | 29.7.0 | npm | development |");
  });

  it("fails the step when nothing is left to list, unless allow-empty is true", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-action-sbom-"));
    await writeFile(join(dir, "package.json"), JSON.stringify({ name: "solo", version: "1.0.0" }));
    const lockfile = { name: "solo", version: "1.0.0", lockfileVersion: 3, packages: { "": { name: "solo" } } };
    await writeFile(join(dir, "package-lock.json"), JSON.stringify(lockfile, null, 2));
    const failed = await runAction(dir, {});
    expect(failed.stdout).toContain("::error::");
    expect(failed.stdout).toContain(
      "package-lock.json: no dependency, so the SBOM would list no component [SBOM_EMPTY]",
    );
    const allowed = await runAction(dir, { "allow-empty": "true" });
    expect(allowed.outputs["component-count"]).toBe("0");
  });

  it("fails the step with the formatted error when the path does not exist", async () => {
    const dir = await workspaceWithSbom();
    const result = await runAction(dir, { path: "nope" });
    expect(result.stdout).toContain("::error::");
    expect(result.stdout).toContain("does not exist or cannot be read [PATH_NOT_FOUND]");
  });
});
