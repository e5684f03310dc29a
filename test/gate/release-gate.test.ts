import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runReleaseGate, verifyRecordDigest } from "@tollgate/gate";
import { describe, expect, it } from "vitest";
import { leakedGitHubToken, offlineDatabase, prepareSampleRelease, type SampleRelease } from "./sample-release.js";

const env = { SOURCE_DATE_EPOCH: "1767225600" };
const now = () => new Date("2026-11-22T12:00:00Z");

/** The gate over a sample release, offline, with a fixed clock. */
async function offlineGate(sample: SampleRelease) {
  return {
    path: sample.dir,
    artifacts: sample.artifacts,
    cwd: sample.dir,
    outputDir: "evidence",
    db: await offlineDatabase(),
    toolVersion: "0.1.0",
    env,
    now,
  };
}

describe("the release gate without signing (tollgate gate)", () => {
  it("passes a clean release and records every input with its digest", async () => {
    const sample = await prepareSampleRelease();
    const outcome = await runReleaseGate(await offlineGate(sample));
    expect(outcome.results.map((r) => [r.name, r.verdict])).toEqual([
      ["sbom", "pass"],
      ["advisories", "pass"],
      ["policy", "pass"],
      ["secrets", "pass"],
    ]);
    expect(outcome.verdict).toBe("pass");
    expect(outcome.record.inputs.artifacts.map((a) => a.path)).toEqual([
      "dist/sample-release-1.0.0.tgz",
      "dist/sample_release-1.0.0-py3-none-any.whl",
    ]);
    expect(outcome.record.inputs.lockfiles.map((a) => a.path)).toEqual(["package-lock.json"]);
    expect(outcome.record.inputs.sboms.map((a) => a.path)).toEqual([
      "evidence/sbom.cdx.json",
      "evidence/sbom.spdx.json",
    ]);
    expect(outcome.record.policy.file).toBe("tollgate.yml");
    expect(outcome.record.egress).toEqual([]);
    const written = JSON.parse(await readFile(join(sample.dir, "evidence", "tollgate-record.json"), "utf8"));
    expect(verifyRecordDigest(written)).toBe(true);
  });

  it("passes the SBOM stage of a project that depends on nothing, with 0 components", async () => {
    const sample = await prepareSampleRelease();
    const root = { name: "sample-release", version: "1.0.0" };
    const lockfile = { ...root, lockfileVersion: 3, requires: true, packages: { "": root } };
    await writeFile(join(sample.dir, "package-lock.json"), `${JSON.stringify(lockfile, null, 2)}\n`);
    await writeFile(join(sample.dir, "package.json"), `${JSON.stringify(root, null, 2)}\n`);
    const outcome = await runReleaseGate(await offlineGate(sample));
    const sbom = outcome.results.find((r) => r.name === "sbom");
    expect([sbom?.verdict, sbom?.counts.components]).toEqual(["pass", 0]);
  });

  it("fails a release with a leaked token, a vulnerable dependency and a denied license, naming all three", async () => {
    const token = leakedGitHubToken();
    const sample = await prepareSampleRelease({ leakedToken: token, vulnerableDependency: true, deniedLicense: true });
    const masked: string[] = [];
    const outcome = await runReleaseGate({
      ...(await offlineGate(sample)),
      onSecret: (s) => masked.push(s),
      release: () => [
        {
          name: "sign",
          title: "Sign",
          run: async () => ({ name: "sign", title: "Sign", verdict: "pass", counts: {}, findings: [] }),
        },
      ],
    });
    const byName = Object.fromEntries(outcome.results.map((r) => [r.name, r]));
    expect(outcome.verdict).toBe("fail");
    expect(byName.advisories?.verdict).toBe("fail");
    expect(byName.advisories?.findings.some((f) => f.includes("lodash@4.17.20"))).toBe(true);
    expect(byName.policy?.verdict).toBe("fail");
    expect(
      byName.policy?.findings.some(
        (f) => f.includes("@img/sharp-libvips-linux-x64@1.0.4") && f.includes("LGPL-3.0-or-later"),
      ),
    ).toBe(true);
    expect(byName.secrets?.verdict).toBe("fail");
    expect(byName.secrets?.findings).toEqual([
      `sample-release-1.0.0.tgz!package/config.js:1:28 github-pat ${token.slice(0, 3)}***${token.slice(-3)}`,
    ]);
    expect(byName.sign?.verdict).toBe("skipped");
    expect(masked).toEqual([token]);
    expect(outcome.summary).not.toContain(token);
    expect(await readFile(join(sample.dir, "evidence", "tollgate-record.json"), "utf8")).not.toContain(token);
  });
});
