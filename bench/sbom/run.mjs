// Benchmark: `tollgate sbom` against `npm sbom --package-lock-only` and
// `@cyclonedx/cyclonedx-npm --package-lock-only`, in one run, on the largest npm lockfile of
// the corpus (Kong insomnia) and on a synthetic 20,000-package lockfile. Reports the median wall
// time and peak RSS (GNU time's %M) of --runs runs (default 5, after one warm-up) and the ratios
// against npm sbom.
//
//   npm run build && npm run bench -- sbom [--runs N] [--packages N] [--peer-runs-synthetic N]
//                                           [--baseline OLD/packages/cli/dist/bin.js]
//
// Tools take turns within each round of runs (interleaved), so a slow spell of the shared machine
// does not fall on one tool only.
//
// `tollgate` runs as `npx tollgate` runs it: the bin file packages/cli/dist/bundle/index.js (the
// ncc bundle `npm run build` writes) executed directly, so its shebang line applies and the bin
// sets its per-command V8 flags. Its V8 compile cache (in the OS temp dir) is warm after the
// warm-up run, as on any machine that ran tollgate before; one row runs with it disabled
// (NODE_DISABLE_COMPILE_CACHE=1, every run compiles from scratch, as the first run on a fresh CI runner).
// --baseline adds a row for another build of the CLI (e.g. an older commit's tsc output), same run.
//
// npm sbom and cyclonedx-npm take many minutes on the synthetic lockfile, so there they run
// --peer-runs-synthetic times (default 1, no warm-up); each command is stopped after 30 minutes.
// Every dataset is written afresh at the start of each run (nothing is reused from earlier runs).
//
// The peer @cyclonedx/cyclonedx-npm is installed into bench/.work (never into the project).
//
// One more row, "library floor", runs bench/sbom/library-floor.mjs (bundled with ncc like the bin):
// only the library work the issue requires (a cyclonedx-library Component per package, normalized
// by the library), nothing of Tollgate's own. npm sbom's time over the floor's is the best ratio a
// tool built on those libraries could reach in the same run.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nccFrom } from "../../scripts/bundle-workers.mjs";
import { syntheticProject } from "./synthetic-lockfile.mjs";

const root = new URL("../../", import.meta.url).pathname;
const work = join(root, "bench/.work/sbom");
const peers = join(root, "bench/.work/peers");
const CYCLONEDX_NPM = "@cyclonedx/cyclonedx-npm@6.0.1";
const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const runs = arg("--runs", 5);
const syntheticCount = arg("--packages", 20_000);
const peerRunsSynthetic = arg("--peer-runs-synthetic", 1);
const baselineAt = process.argv.indexOf("--baseline");
const baseline = baselineAt > 0 ? process.argv[baselineAt + 1] : undefined;

const bin = join(root, "packages/cli/dist/bundle/index.js");
if (!existsSync(bin)) {
  console.error(`${bin} is missing: run npm run build first`);
  process.exit(2);
}
const cdxNpmBin = join(peers, "node_modules/@cyclonedx/cyclonedx-npm/bin/cyclonedx-npm-cli.js");
if (!existsSync(cdxNpmBin)) {
  console.error(`installing ${CYCLONEDX_NPM} into ${peers} (bench only)`);
  mkdirSync(peers, { recursive: true });
  execFileSync("npm", ["install", "--prefix", peers, "--no-save", "--no-audit", "--no-fund", CYCLONEDX_NPM], {
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const floorBin = join(work, "library-floor/index.mjs");
mkdirSync(join(work, "library-floor"), { recursive: true });
writeFileSync(floorBin, (await nccFrom(root, join(root, "bench/sbom/library-floor.mjs"))).code);

/** Stages a dataset as a directory with package.json and package-lock.json. */
function stage(name, write) {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  write(dir);
  return dir;
}

const fixtures = join(root, "test/fixtures/lockfiles/npm");
const datasets = [
  {
    name: "insomnia (lockfile v3, 1,824 entries)",
    synthetic: false,
    dir: stage("insomnia", (dir) => {
      copyFileSync(join(fixtures, "Kong__insomnia__package-lock.json"), join(dir, "package-lock.json"));
      copyFileSync(join(fixtures, "Kong__insomnia__package.json"), join(dir, "package.json"));
    }),
  },
  {
    name: `synthetic (lockfile v3, ${syntheticCount.toLocaleString("en")} packages)`,
    synthetic: true,
    dir: stage("synthetic", (dir) => {
      const { lockfile, manifest } = syntheticProject(syntheticCount);
      writeFileSync(join(dir, "package-lock.json"), `${JSON.stringify(lockfile, null, 2)}\n`);
      writeFileSync(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    }),
  },
];

const out = (dir, file) => join(dir, "..", `${file}`);
const tools = [
  {
    name: "tollgate sbom (CycloneDX only)",
    command: (dir) => [bin, ["sbom", ".", "--format", "cyclonedx-json", "--output", out(dir, "tollgate.cdx.json")]],
  },
  {
    name: "tollgate sbom (CycloneDX + SPDX)",
    command: (dir) => [bin, ["sbom", ".", "--output-dir", out(dir, "tollgate-both")]],
  },
  {
    name: "tollgate sbom (CycloneDX only), compile cache off",
    env: { NODE_DISABLE_COMPILE_CACHE: "1" },
    command: (dir) => [
      bin,
      ["sbom", ".", "--format", "cyclonedx-json", "--output", out(dir, "tollgate-cold.cdx.json")],
    ],
  },
  ...(baseline
    ? [
        {
          name: `baseline: node ${baseline.replace(/.*\/(.+\/packages\/)/, "$1")} sbom (CycloneDX only)`,
          command: (dir) => [
            "node",
            [baseline, "sbom", ".", "--format", "cyclonedx-json", "--output", out(dir, "baseline.cdx.json")],
          ],
        },
      ]
    : []),
  {
    name: "library floor (cyclonedx-library components only, nothing of tollgate's)",
    env: { NODE_COMPILE_CACHE: join(tmpdir(), "node-compile-cache") },
    command: (dir) => ["node", [floorBin, out(dir, "library-floor.cdx.json")]],
  },
  {
    name: "npm sbom --package-lock-only",
    slow: true,
    command: () => ["npm", ["sbom", "--package-lock-only", "--sbom-format", "cyclonedx"]],
    stdoutFile: (dir) => out(dir, "npm.cdx.json"),
  },
  {
    name: "cyclonedx-npm --package-lock-only",
    slow: true,
    command: (dir) => ["node", [cdxNpmBin, "--package-lock-only", "--output-file", out(dir, "cyclonedx-npm.cdx.json")]],
  },
];

/** Runs a command under GNU time; returns wall seconds and peak RSS in MiB. */
function measure(tool, dir) {
  const [command, args] = tool.command(dir);
  const timeFile = join(work, "time.txt");
  const started = process.hrtime.bigint();
  const result = spawnSync("/usr/bin/time", ["-f", "%M", "-o", timeFile, command, ...args], {
    cwd: dir,
    env: { ...process.env, SOURCE_DATE_EPOCH: "1700000000", ...tool.env },
    maxBuffer: 1024 * 1024 * 1024,
    timeout: 30 * 60 * 1000,
    stdio: ["ignore", tool.stdoutFile ? "pipe" : "ignore", "pipe"],
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${tool.name} failed in ${dir}:\n${result.stderr.toString().slice(-2000)}`);
  if (tool.stdoutFile) writeFileSync(tool.stdoutFile(dir), result.stdout);
  const kib = Number(readFileSync(timeFile, "utf8").trim().split("\n").pop());
  return { seconds, mib: kib / 1024 };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const results = [];
console.log(`load average at start: ${load()}`);
console.log(
  `node ${process.version}, npm ${execFileSync("npm", ["--version"]).toString().trim()}, ${runs} runs each after a warm-up (peers on the synthetic lockfile: ${peerRunsSynthetic}, no warm-up), medians\n`,
);
for (const dataset of datasets) {
  console.log(`## ${dataset.name}`);
  // Runs take turns (one of each tool per round), so that a slow spell of the machine weighs on
  // every tool alike instead of on whichever ran during it.
  const few = (tool) => tool.slow && dataset.synthetic;
  const samples = new Map(tools.map((tool) => [tool, []]));
  for (const tool of tools) if (!few(tool)) measure(tool, dataset.dir);
  for (let round = 0; round < runs; round++) {
    for (const tool of tools) if (!few(tool)) samples.get(tool).push(measure(tool, dataset.dir));
  }
  for (const tool of tools) {
    if (few(tool)) for (let i = 0; i < peerRunsSynthetic; i++) samples.get(tool).push(measure(tool, dataset.dir));
  }
  const rows = tools.map((tool) => {
    const taken = samples.get(tool);
    const row = {
      tool: tool.name,
      runs: taken.length,
      seconds: median(taken.map((s) => s.seconds)),
      mib: median(taken.map((s) => s.mib)),
    };
    console.error(`  ${row.tool}: ${row.seconds.toFixed(2)} s, ${row.mib.toFixed(0)} MiB (${row.runs} runs)`);
    return row;
  });
  const npm = rows.find((r) => r.tool.startsWith("npm sbom"));
  console.log("| tool | runs | wall (s) | peak RSS (MiB) | npm sbom time / tool time | tool RSS / npm sbom RSS |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    console.log(
      `| ${r.tool} | ${r.runs} | ${r.seconds.toFixed(2)} | ${r.mib.toFixed(0)} | ${(npm.seconds / r.seconds).toFixed(1)}x | ${(r.mib / npm.mib).toFixed(2)} |`,
    );
  }
  const components = (file) =>
    existsSync(file) && statSync(file).size > 0 ? JSON.parse(readFileSync(file, "utf8")).components.length : "?";
  console.log(
    `\ncomponents listed: tollgate ${components(out(dataset.dir, "tollgate.cdx.json"))}, npm sbom ${components(out(dataset.dir, "npm.cdx.json"))}, cyclonedx-npm ${components(out(dataset.dir, "cyclonedx-npm.cdx.json"))}\n`,
  );
  if (baseline) {
    const same = readFileSync(out(dataset.dir, "baseline.cdx.json")).equals(
      readFileSync(out(dataset.dir, "tollgate.cdx.json")),
    );
    console.log(`baseline and tollgate CycloneDX files byte-identical: ${same ? "yes" : "NO"}\n`);
  }
  results.push({ dataset: dataset.name, rows });
}
console.log(`load average at end: ${load()}`);
writeFileSync(join(work, "results.json"), `${JSON.stringify({ runs, results }, null, 2)}\n`);
