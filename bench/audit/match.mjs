// Phase 2 of the audit benchmark, in its own process so its memory is the index's and the
// graphs' only: build the index once from the offline database, then match.
import { cpSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { collectFindings, loadDatabase } from "@tollgate/advisories";
import { readInventory } from "@tollgate/inventory";

const root = new URL("../..", import.meta.url).pathname;
// --summary: only the index and the synthetic graph (the second, memory-focused run).
const summary = process.argv.includes("--summary");
const work = join(root, "bench/.work/audit");
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const ms = (t) => `${t.toFixed(0)} ms`;
// The kernel's high-water mark of this process's resident memory: the real peak, not a sample.
const peakRss = () => process.resourceUsage().maxRSS * 1024;
// Live heap only when run with --expose-gc (the informational run); the measured run has default
// flags and forces no collection, so it shows the heap in use, garbage included.
const heap = () => {
  globalThis.gc?.();
  return `${globalThis.gc ? "live heap" : "heap in use"} ${mb(process.memoryUsage().heapUsed)}`;
};

const t0 = performance.now();
const db = await loadDatabase(join(work, "db"), { maxAgeMs: Number.MAX_SAFE_INTEGER });
const built = performance.now() - t0;
const rssBuilt = process.memoryUsage().rss;
console.log(
  `index: ${db.index.counts.records} records (${db.index.counts.withdrawn} withdrawn, ${db.index.malformed.length} malformed) from ${db.files.length} all.zip archives, ${db.index.packageCount} packages; built in ${ms(built)}, rss ${mb(rssBuilt)} (peak so far ${mb(peakRss())}), ${heap()}`,
);

function bench(label, graph) {
  globalThis.gc?.();
  const components = graph.components.filter((c) => c.role === "dependency").length;
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  const result = collectFindings(graph, (q) => db.index.match(q), { includeDevelopment: true });
  const took = performance.now() - t;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(
    `${label}: ${components} components matched in ${ms(took)} wall, ${ms(cpuMs)} CPU (dependency paths included); ${result.findings.length} findings; ${result.problems.length} unreadable versions; rss ${mb(process.memoryUsage().rss)}`,
  );
  return { took, cpuMs };
}

const locks = [
  ["npm/Kong__insomnia__package-lock.json", "package-lock.json"],
  ["npm/actions__toolkit__package-lock.json", "package-lock.json"],
  ["pnpm/vitejs__vite__pnpm-lock.yaml", "pnpm-lock.yaml"],
  ["go/anchore__syft__go.mod", "go.mod"],
  ["cargo/EmbarkStudios__cargo-deny__Cargo.lock", "Cargo.lock"],
];
for (const [file, name] of summary ? [] : locks) {
  const dir = join(work, "lock", file.replaceAll("/", "_"));
  mkdirSync(dir, { recursive: true });
  cpSync(join(root, "test/fixtures/lockfiles", file), join(dir, name));
  if (name === "go.mod")
    cpSync(join(root, "test/fixtures/lockfiles", file.replace("go.mod", "go.sum")), join(dir, "go.sum"));
  try {
    bench(file, await readInventory(dir));
  } catch (error) {
    console.log(`${file}: not read (${error.message})`);
  }
}
// The graph is the input: a real audit holds it too, so its memory counts in the peak. Its edges
// name components by the components' own id strings, as a graph a reader builds does (JSON.parse
// would give every edge end a copy of its own).
const synthetic = JSON.parse(readFileSync(join(work, "synthetic.json"), "utf8"));
const ids = new Map(synthetic.components.map((c) => [c.id, c.id]));
for (const edge of synthetic.edges) {
  edge.from = ids.get(edge.from) ?? edge.from;
  edge.to = ids.get(edge.to) ?? edge.to;
}
ids.clear();
console.log(`synthetic graph read: rss ${mb(process.memoryUsage().rss)}, ${heap()} (index and graph)`);
const { took, cpuMs } = bench("synthetic graph", synthetic);
const peak = peakRss();
console.log(
  `targets: match 20,000 components < 1000 ms: wall ${took < 1000 ? "met" : "MISSED"} (${ms(took)}), CPU ${cpuMs < 1000 ? "met" : "MISSED"} (${ms(cpuMs)}; wall time counts other processes on a loaded machine); peak rss (getrusage maxrss, whole process: index, lockfile graphs, synthetic graph, findings) < 300 MB: ${peak < 300 * 1024 * 1024 ? "met" : "MISSED"} (${mb(peak)}); after matching ${heap()}`,
);
