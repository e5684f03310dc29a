import { execFileSync, spawnSync } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const script = new URL("../../scripts/check-digests.sh", import.meta.url).pathname;

async function releaseDir(): Promise<{ dir: string; sums: string }> {
  const root = await mkdtemp(join(tmpdir(), "tollgate-digests-"));
  const dir = join(root, "release");
  execFileSync("mkdir", ["-p", join(dir, "sub")]);
  await writeFile(join(dir, "app.tgz"), "archive bytes");
  await writeFile(join(dir, "sub", "app.whl"), "wheel bytes");
  const sums = join(root, "release.sha256");
  execFileSync("bash", ["-c", `cd "${dir}" && find . -type f -print0 | sort -z | xargs -0 sha256sum > "${sums}"`]);
  return { dir, sums };
}

const check = (dir: string, sums: string) => spawnSync("bash", [script, dir, sums], { encoding: "utf8" });

describe("the digest check at each hand-over between release jobs", () => {
  it("accepts the files the gate verified", async () => {
    const { dir, sums } = await releaseDir();
    const run = check(dir, sums);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("release files match the verified digests (2 files)\n");
  });

  it("refuses a file changed after verification", async () => {
    const { dir, sums } = await releaseDir();
    await writeFile(join(dir, "app.tgz"), "tampered bytes");
    const run = check(dir, sums);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("::error::the release files differ from the ones the gate verified");
  });

  it("refuses a file added after verification", async () => {
    const { dir, sums } = await releaseDir();
    await writeFile(join(dir, "extra.bin"), "smuggled");
    expect(check(dir, sums).status).toBe(1);
  });
});
