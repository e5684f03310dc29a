// Benchmark of the advisory gate (not part of npm test). Run `npm run build` first, then
// `node bench/audit/run.mjs`. Builds the offline index once from the whole advisory corpus
// (../shared/corpus/advisories, as per-ecosystem all.zip archives), matches the largest corpus
// lockfiles and a synthetic 20,000-component graph, and counts requests against a loopback OSV API.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { collectFindings, DEFAULT_AUDIT_POLICY, loadDatabase, runAudit } from "@tollgate/advisories";
import { readInventory } from "@tollgate/inventory";
import { createHttpClient } from "@tollgate/net";
import { startOsvServer } from "../../test/servers/osv-server.ts";
import { synthesizeGraph } from "./synthetic-graph.mjs";

const root = new URL("../..", import.meta.url).pathname;
const corpus = join(root, "../shared/corpus/advisories");
const work = join(root, "bench/.work/audit");
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
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
const { buildZips } = await import("../../test/servers/osv-server.ts");
for (const [ecosystem, bytes] of buildZips(records)) {
  mkdirSync(join(work, "db", ecosystem), { recursive: true });
  writeFileSync(join(work, "db", ecosystem, "all.zip"), bytes);
}
let t0 = performance.now();
const db = await loadDatabase(join(work, "db"), { maxAgeMs: Number.MAX_SAFE_INTEGER });
const indexMs = performance.now() - t0;
console.log(
  `index: ${db.index.counts.records} records (${db.index.counts.withdrawn} withdrawn, ${db.index.malformed.length} malformed) from ${db.files.length} archives, ${db.index.packageCount} packages, built in ${ms(indexMs)}`,
);

const match = (q) => db.index.match(q);
function bench(label, graph) {
  const components = graph.components.filter((c) => c.role === "dependency").length;
  globalThis.gc?.();
  const t = performance.now();
  const result = collectFindings(graph, match, { includeDevelopment: true });
  const took = performance.now() - t;
  console.log(
    `${label}: ${components} components matched in ${ms(took)}, ${result.findings.length} findings, ${result.problems.length} unreadable versions, rss ${mb(process.memoryUsage().rss)}`,
  );
  return took;
}

// 2. The largest corpus lockfiles.
const locks = [
  ["npm/Kong__insomnia__package-lock.json", "package-lock.json"],
  ["npm/actions__toolkit__package-lock.json", "package-lock.json"],
  ["go/anchore__syft__go.mod", "go.mod"],
  ["cargo/EmbarkStudios__cargo-deny__Cargo.lock", "Cargo.lock"],
];
for (const [file, name] of locks) {
  const dir = join(work, "lock", file.replaceAll("/", "_"));
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, "test/fixtures/lockfiles", file), join(dir, name));
  if (name === "go.mod")
    cpSync(join(root, "test/fixtures/lockfiles", file.replace("go.mod", "go.sum")), join(dir, "go.sum"));
  bench(file, await readInventory(dir));
}

// 3. A synthetic 20,000-component graph over the corpus' packages.
const synthetic = synthesizeGraph(
  records.map((r) => r.record),
  20_000,
);
const matchMs = bench("synthetic", synthetic);
console.log(
  `target: matching 20,000 components < 1000 ms: ${matchMs < 1000 ? "met" : "MISSED"}; rss < 300 MB: ${process.memoryUsage().rss < 300 * 1024 * 1024 ? "met" : "MISSED"} (${mb(process.memoryUsage().rss)})`,
);

// 4. Requests against a loopback OSV API: ceil(N / 1000) querybatch + one GET per distinct advisory.
const server = await startOsvServer(records);
try {
  t0 = performance.now();
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
