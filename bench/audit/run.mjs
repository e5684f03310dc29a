// Benchmark of the advisory gate (not part of npm test). Run `npm run build` first, then
// `node bench/audit/run.mjs`. Builds the offline index once from the whole advisory corpus
// (../shared/corpus/advisories, as per-ecosystem all.zip archives), matches the largest corpus
// lockfiles and a synthetic 20,000-component graph, and counts requests against a loopback OSV API.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_AUDIT_POLICY, runAudit } from "@tollgate/advisories";
import { createHttpClient } from "@tollgate/net";
import { buildZips, startOsvServer } from "../../test/servers/osv-server.ts";
import { measureCli } from "./cli.mjs";
import { synthesizeGraph } from "./synthetic-graph.mjs";

const root = new URL("../..", import.meta.url).pathname;
const corpus = join(root, "../shared/corpus/advisories");
const work = join(root, "bench/.work/audit");
const ms = (t) => `${t.toFixed(0)} ms`;

function readCorpus() {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".json")) out.push(readFileSync(path, "utf8"));
    }
  };
  for (const sub of ["ghsa", "go", "pypa", "rustsec"]) walk(join(corpus, sub));
  return out;
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const texts = readCorpus();
const records = texts.map((text) => ({ text, record: JSON.parse(text) }));

// 1. The offline database as OSV publishes it: one all.zip per ecosystem.
for (const [ecosystem, bytes] of buildZips(records)) {
  mkdirSync(join(work, "db", ecosystem), { recursive: true });
  writeFileSync(join(work, "db", ecosystem, "all.zip"), bytes);
}
// 2-3. Index, lockfiles and the synthetic graph, measured in a process of their own.
const synthetic = synthesizeGraph(
  records.map((r) => r.record),
  20_000,
);
writeFileSync(join(work, "synthetic.json"), JSON.stringify(synthetic));
// The measured run: default V8 flags, no forced collections.
const child = spawnSync(process.execPath, [join(root, "bench/audit/match.mjs")], { stdio: "inherit" });
if (child.status !== 0) process.exit(child.status ?? 1);
// Informational: the live heap (forced collections), and what a small young generation leaves.
for (const flags of [["--expose-gc"], ["--expose-gc", "--max-semi-space-size=8"]]) {
  console.log(`informational, index and synthetic graph only, with ${flags.join(" ")}:`);
  const info = spawnSync(process.execPath, [...flags, join(root, "bench/audit/match.mjs"), "--summary"], {
    stdio: "inherit",
  });
  if (info.status !== 0) process.exit(info.status ?? 1);
}
// The user path: `tollgate audit <SPDX SBOM of the synthetic graph> --offline --db` as its own process.
measureCli(synthetic, join(work, "db"));

// 4. Requests against a loopback OSV API: ceil(N / 1000) querybatch + one GET per distinct advisory.
const server = await startOsvServer(records);
try {
  const t0 = performance.now();
  const report = await runAudit({
    graph: synthetic,
    policy: DEFAULT_AUDIT_POLICY,
    source: { kind: "osv-api", http: createHttpClient({ allowOnly: ["127.0.0.1"] }), baseUrl: server.url },
  });
  const queries = new Set(
    synthetic.components.filter((c) => c.role === "dependency").map((c) => `${c.ecosystem}\0${c.name}\0${c.version}`),
  ).size;
  const distinct = new Set(report.findings.flatMap((f) => [f.id])).size;
  const fetched = report.requests.vulns;
  const expected = Math.ceil(queries / 1000) + fetched;
  console.log(
    `OSV API: ${queries} distinct queries -> ${report.requests.querybatch} querybatch + ${fetched} vulns = ${server.requests.length} requests (expected ceil(${queries}/1000) + ${fetched} distinct advisories = ${expected}; ${server.requests.length === expected ? "equal" : "DIFFERENT"}); ${distinct} finding ids after alias merge; ${ms(performance.now() - t0)}`,
  );
} finally {
  await server.close();
}
