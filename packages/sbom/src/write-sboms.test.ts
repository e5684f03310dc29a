import { mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readInventory } from "@tollgate/inventory";
import { describe, expect, it } from "vitest";
import { toCycloneDx } from "./cyclonedx/write.js";
import { serializeSbom } from "./shared/serialize.js";
import { toSpdx } from "./spdx/write.js";
import { writeSboms } from "./write-sboms.js";

const NPM = new URL("../../../test/fixtures/lockfiles/npm/", import.meta.url).pathname;
const OPTIONS = { toolVersion: "0.1.0", env: { SOURCE_DATE_EPOCH: "1700000000" } };

async function actionsToolkit(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tollgate-write-sboms-"));
  await writeFile(join(dir, "package-lock.json"), await readFile(join(NPM, "actions__toolkit__package-lock.json")));
  return dir;
}

/** A directory holding only a v3 package-lock.json with these `packages`. */
async function lockfileOnly(packages: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "tollgate-write-sboms-"));
  const lockfile = { name: "solo", version: "1.0.0", lockfileVersion: 3, requires: true, packages };
  await writeFile(join(dir, "package-lock.json"), `${JSON.stringify(lockfile, null, 2)}\n`);
  return dir;
}

describe("writeSboms", () => {
  it("streams into each file exactly the serialized toCycloneDx and toSpdx documents", async () => {
    const dir = await actionsToolkit();
    const written = await writeSboms(dir, { ...OPTIONS, outputDir: join(dir, "out") });
    const graph = await readInventory(dir);
    const timestamp = new Date(1700000000 * 1000);
    expect(await readFile(join(dir, "out", "sbom.cdx.json"), "utf8")).toBe(
      serializeSbom(toCycloneDx(graph, { timestamp, toolVersion: "0.1.0" })),
    );
    expect(await readFile(join(dir, "out", "sbom.spdx.json"), "utf8")).toBe(
      serializeSbom(toSpdx(graph, { timestamp, toolVersion: "0.1.0" })),
    );
    expect(written.files).toEqual({
      "cyclonedx-json": join(dir, "out", "sbom.cdx.json"),
      "spdx-json": join(dir, "out", "sbom.spdx.json"),
    });
  });

  it("prints to stdout with --output - the same bytes it writes to a file", async () => {
    const dir = await actionsToolkit();
    let printed = "";
    const stdout = (t: string) => {
      printed += t;
    };
    await writeSboms(dir, { ...OPTIONS, formats: ["spdx-json"], output: "-", stdout });
    await writeSboms(dir, { ...OPTIONS, formats: ["spdx-json"], output: join(dir, "file.json") });
    expect(printed).toBe(await readFile(join(dir, "file.json"), "utf8"));
  });

  it("fails with SBOM_EMPTY when the lockfile pins no dependency, and writes nothing", async () => {
    const dir = await lockfileOnly({ "": { name: "solo", version: "1.0.0" } });
    await expect(writeSboms(dir, { ...OPTIONS, outputDir: join(dir, "out") })).rejects.toMatchObject({
      code: "SBOM_EMPTY",
      message: "package-lock.json: no dependency, so the SBOM would list no component",
    });
    await expect(readFile(join(dir, "out", "sbom.cdx.json"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("fails with SBOM_EMPTY naming --omit when omitting leaves no dependency", async () => {
    const dir = await lockfileOnly({
      "": { name: "solo", version: "1.0.0", devDependencies: { "left-pad": "1.3.0" } },
      "node_modules/left-pad": { version: "1.3.0", dev: true },
    });
    await expect(writeSboms(dir, { ...OPTIONS, omit: ["development"] })).rejects.toMatchObject({
      code: "SBOM_EMPTY",
      message: "package-lock.json: no dependency outside --omit dev, so the SBOM would list no component",
    });
  });

  it("writes an SBOM without dependencies (the project alone) when allowEmpty says so", async () => {
    const dir = await lockfileOnly({ "": { name: "solo", version: "1.0.0" } });
    await writeSboms(dir, { ...OPTIONS, allowEmpty: true, formats: ["cyclonedx-json"], outputDir: dir });
    const { components } = JSON.parse(await readFile(join(dir, "sbom.cdx.json"), "utf8")) as {
      components: Array<{ type: string; name: string }>;
    };
    expect(components.map((c) => [c.type, c.name])).toEqual([["application", "solo"]]);
  });

  it("fails with SBOM_WRITE_FAILED naming the file when it cannot be created", async () => {
    const dir = await actionsToolkit();
    await mkdir(join(dir, "taken.json"));
    await expect(
      writeSboms(dir, { ...OPTIONS, formats: ["cyclonedx-json"], output: join(dir, "taken.json") }),
    ).rejects.toMatchObject({ code: "SBOM_WRITE_FAILED", message: `cannot write ${join(dir, "taken.json")}` });
  });
});
