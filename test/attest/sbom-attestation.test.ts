import { copyFile, mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { attestRelease, verifyArtifactBundle } from "@tollgate/attest";
import { writeSboms } from "@tollgate/sbom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SigstoreStack, startSigstoreStack } from "../servers/sigstore.js";
import { fakeGitHubToken } from "../servers/sigstore-token.js";
import { loopbackInstance, policy, trustOf, writeArtifacts } from "./helpers.js";

/** SBOM attestations over the SBOMs the sbom feature writes for a real lockfile of the corpus. */
const fixtures = new URL("../fixtures/lockfiles/npm/", import.meta.url).pathname;
let stack: SigstoreStack;

beforeAll(async () => {
  stack = await startSigstoreStack();
});
afterAll(async () => stack.close());

describe("SBOM attestations", () => {
  it("attests the CycloneDX and SPDX SBOMs of BookStack's lockfile with their predicate types", async () => {
    const project = await mkdtemp(join(tmpdir(), "tollgate-sbom-attest-"));
    await copyFile(
      join(fixtures, "BookStackApp__BookStack@b87e97f99e__package-lock.json"),
      join(project, "package-lock.json"),
    );
    await copyFile(join(fixtures, "BookStackApp__BookStack@b87e97f99e__package.json"), join(project, "package.json"));
    await writeSboms(project, {
      toolVersion: "0.0.0",
      cwd: project,
      outputDir: project,
      env: { SOURCE_DATE_EPOCH: "1700000000" },
    });
    const { dir, paths } = await writeArtifacts({ "bookstack.tgz": "release\n" });
    const result = await attestRelease({
      paths,
      sbomPaths: [join(project, "sbom.cdx.json"), join(project, "sbom.spdx.json")],
      provenance: false,
      outDir: dir,
      instance: () => loopbackInstance(stack),
      getToken: async () => fakeGitHubToken(),
    });
    expect(result.files.map((f) => [f.name, f.predicateType])).toEqual([
      ["sbom.cdx", "https://cyclonedx.org/bom"],
      ["sbom.spdx", "https://spdx.dev/Document/v2.3"],
    ]);
    const cdx = result.files[0]?.bundles[0];
    const verified = verifyArtifactBundle({
      artifact: { name: "bookstack.tgz", data: Buffer.from("release\n") },
      bundle: cdx,
      bundleFile: "sbom.cdx.intoto.jsonl",
      trust: trustOf(stack),
      identity: policy,
    });
    expect(verified.statement?.predicate).toEqual(JSON.parse(await readFile(join(project, "sbom.cdx.json"), "utf8")));
  });
});
