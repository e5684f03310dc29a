// The user path of the audit benchmark: the synthetic graph written as an SPDX SBOM and audited by
// the built CLI (packages/cli/dist/bin.js, run as a program so a shebang's flags would apply) against
// the offline database, in a process of its own. Peak memory is GNU time's maximum resident set size.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { spdxChunks } from "@tollgate/sbom";

const root = new URL("../..", import.meta.url).pathname;
const TIME = "/usr/bin/time";

/** Writes the graph as SPDX, runs `tollgate audit` on it offline and prints wall time, peak RSS and the summary. */
export function measureCli(graph, db) {
  const work = join(db, "..");
  const sbom = join(work, "synthetic.spdx.json");
  const report = join(work, "cli-report.json");
  writeFileSync(sbom, Buffer.concat(spdxChunks(graph, { timestamp: new Date(0), toolVersion: "bench" })));
  const bin = join(root, "packages/cli/dist/bin.js");
  const args = ["audit", sbom, "--offline", "--db", db, "--no-policy", "--format", "json", "--output", report];
  const timed = existsSync(TIME);
  const t0 = performance.now();
  const run = timed
    ? spawnSync(TIME, ["-f", "%M %e", bin, ...args], { encoding: "utf8" })
    : spawnSync(bin, args, { encoding: "utf8" });
  const wall = performance.now() - t0;
  if (run.status !== 0 && run.status !== 1) {
    console.log(`tollgate audit (CLI): failed with ${run.status}: ${run.stderr}`);
    return;
  }
  const summary = JSON.parse(readFileSync(report, "utf8")).summary;
  const [kb] = timed ? (run.stderr.trim().split("\n").at(-1) ?? "").split(" ") : [];
  const peak = kb ? `peak rss ${(Number(kb) / 1024).toFixed(1)} MB` : `peak rss not measured (no ${TIME})`;
  console.log(
    `tollgate audit <SPDX SBOM, ${summary.components} components> --offline (CLI process, SBOM reading and JSON report included): ${(wall / 1000).toFixed(2)} s wall, ${peak}; ${summary.findings} findings`,
  );
}
