// Benchmark of `tollgate scan` against secretlint (recommended preset), in one run, on the same tree:
// a real node_modules of well-known packages (npm install into bench/.work, 200+ MB) plus the 50 MB
// file of the secrets corpus joined into a single line. Not part of npm test.
//
//   npm run build && node bench/secrets/run.mjs [--skip-secretlint] [--workers N] [--runs N]
//
// Reports wall time, throughput (MB/s of input) and peak RSS (/usr/bin/time -v) for both tools, and
// the ratios. Installs secretlint into bench/.work/secrets/tools (never into the project).
// Before every timed run the whole tree is read once (untimed), for both tools alike: the machine
// pages out file data it has not touched for a while, and a run should not pay for disk reads the
// other did not. With --runs N each tool runs N times and the median run (by wall time) is reported.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const work = join(root, "bench/.work/secrets");
const tree = join(work, "tree");
const args = process.argv.slice(2);
const workersArg = args.includes("--workers") ? ["--workers", args[args.indexOf("--workers") + 1]] : [];
const runs = args.includes("--runs") ? Math.max(1, Number(args[args.indexOf("--runs") + 1])) : 1;

const PACKAGES = [
  "typescript@7.0.2",
  "webpack@5.112.2",
  "eslint@10.15.0",
  "@babel/core@8.1.2",
  "react@19.3.1",
  "react-dom@19.3.1",
  "next@16.4.6",
  "aws-sdk@2.1693.0",
  "lodash@4.18.1",
  "moment@2.31.0",
  "rxjs@7.8.2",
  "prettier@3.10.1",
  "three@0.187.0",
];
const SECRETLINT = ["secretlint@13.0.6", "@secretlint/secretlint-rule-preset-recommend@13.0.7"];

function sh(cmd, cmdArgs, options = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: ["ignore", "inherit", "inherit"], ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(" ")} failed with ${r.status}`);
}

function du(dir) {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      bytes += statSync(join(e.parentPath, e.name)).size;
      files++;
    }
  }
  return { bytes, files };
}

// 1. The tree: node_modules (renamed to vendor/ so neither tool skips it by name) + the big corpus file.
mkdirSync(work, { recursive: true });
if (!existsSync(join(tree, "vendor"))) {
  const project = join(work, "project");
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, "package.json"), '{"name":"bench-tree","private":true}\n');
  sh("npm", ["install", "--no-audit", "--no-fund", "--ignore-scripts", "--save-exact", ...PACKAGES], { cwd: project });
  mkdirSync(tree, { recursive: true });
  renameSync(join(project, "node_modules"), join(tree, "vendor"));
}
const big = join(tree, "big", "bundle.single-line.js");
if (!existsSync(big)) {
  const corpus = join(work, "corpus");
  sh(process.execPath, [
    join(root, "test/fixtures/secrets/corpus/generate.mjs"),
    "--out",
    corpus,
    "--seed",
    "1",
    "--big-mb",
    "50",
  ]);
  mkdirSync(join(tree, "big"), { recursive: true });
  const text = readFileSync(join(corpus, "tree/dist/big/bundle.large.js"), "latin1");
  writeFileSync(big, text.replace(/\n/g, " "), "latin1");
}

// 2. secretlint, installed for the benchmark only.
const tools = join(work, "tools");
if (!args.includes("--skip-secretlint") && !existsSync(join(tools, "node_modules/.bin/secretlint"))) {
  mkdirSync(tools, { recursive: true });
  writeFileSync(join(tools, "package.json"), '{"name":"bench-tools","private":true}\n');
  sh("npm", ["install", "--no-audit", "--no-fund", "--save-exact", ...SECRETLINT], { cwd: tools });
}
mkdirSync(tools, { recursive: true });
writeFileSync(join(tools, ".secretlintrc.json"), '{"rules":[{"id":"@secretlint/secretlint-rule-preset-recommend"}]}\n');

// 3. Timed runs under /usr/bin/time -v, each after reading the tree once (untimed).
function warm(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) readFileSync(join(e.parentPath, e.name));
  }
}

function timedOnce(cmd, cmdArgs, cwd) {
  warm(tree);
  const t = performance.now();
  const r = spawnSync("/usr/bin/time", ["-v", cmd, ...cmdArgs], { cwd, encoding: "utf8", maxBuffer: 1 << 30 });
  const seconds = (performance.now() - t) / 1000;
  const rssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1] ?? Number.NaN);
  const user = Number(/User time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? Number.NaN);
  const sys = Number(/System time \(seconds\): ([\d.]+)/.exec(r.stderr)?.[1] ?? Number.NaN);
  return { seconds, cpu: user + sys, rssMb: rssKb / 1024, stdout: r.stdout, status: r.status };
}

function timed(label, cmd, cmdArgs, cwd) {
  const all = Array.from({ length: runs }, () => timedOnce(cmd, cmdArgs, cwd));
  const r = [...all].sort((a, b) => a.seconds - b.seconds)[Math.floor((all.length - 1) / 2)];
  const each = runs > 1 ? ` (median of ${runs}: ${all.map((x) => x.seconds.toFixed(1)).join(", ")} s)` : "";
  console.log(
    `${label}: exit ${r.status}, ${r.seconds.toFixed(1)} s wall${each}, ${r.cpu.toFixed(1)} s CPU, peak RSS ${r.rssMb.toFixed(0)} MB`,
  );
  return r;
}

const { bytes, files } = du(tree);
const mb = bytes / 1024 / 1024;
console.log(
  `tree: ${files} files, ${mb.toFixed(0)} MB (vendor/ = node_modules of ${PACKAGES.length} packages, big/ = 50 MB single line)`,
);
const cli = join(root, "packages/cli/dist/bundle/index.js");
const tollgate = timed("tollgate scan", process.execPath, [cli, "scan", tree, "--format", "json", ...workersArg], root);
const tollgateJson = JSON.parse(tollgate.stdout);
console.log(
  `  ${tollgateJson.findings.length} findings, ${tollgateJson.unscanned.length} unscanned, ${tollgateJson.stats.files} files scanned`,
);
const bigFound = tollgateJson.findings.some((f) => f.file === "big/bundle.single-line.js");
console.log(`  secret at the end of the 50 MB single line found: ${bigFound}`);

const rows = [["tollgate", tollgate]];
if (!args.includes("--skip-secretlint")) {
  const secretlint = timed(
    "secretlint (preset-recommend)",
    join(tools, "node_modules/.bin/secretlint"),
    ["--secretlintrc", join(tools, ".secretlintrc.json"), "--format", "json", "--no-color", `${tree}/**/*`],
    tools,
  );
  rows.push(["secretlint", secretlint]);
  try {
    const messages = JSON.parse(secretlint.stdout).flatMap((f) => f.messages.map(() => f.filePath));
    console.log(
      `  ${messages.length} findings; secret at the end of the 50 MB single line found: ${messages.some((p) => p.endsWith("bundle.single-line.js"))}`,
    );
  } catch {
    console.log("  (secretlint output is not JSON)");
  }
}
const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
console.log(`\nload average after the runs: ${load} (2 cores; other work on the machine slows both tools)`);
console.log(
  "\n| tool | wall s | MB/s (wall) | CPU s | MB per CPU s | peak RSS MB |\n| --- | --- | --- | --- | --- | --- |",
);
for (const [name, r] of rows) {
  const cells = [
    r.seconds.toFixed(1),
    (mb / r.seconds).toFixed(1),
    r.cpu.toFixed(1),
    (mb / r.cpu).toFixed(1),
    r.rssMb.toFixed(0),
  ];
  console.log(`| ${name} | ${cells.join(" | ")} |`);
}
if (rows.length === 2) {
  const [t, s] = [rows[0][1], rows[1][1]];
  console.log(`\nthroughput ratio, wall (tollgate / secretlint): ${(s.seconds / t.seconds).toFixed(1)}x`);
  console.log(`throughput ratio, CPU (tollgate / secretlint): ${(s.cpu / t.cpu).toFixed(1)}x`);
  console.log(`peak RSS ratio (tollgate / secretlint): ${(t.rssMb / s.rssMb).toFixed(2)}`);
}
writeFileSync(
  join(work, "results.json"),
  `${JSON.stringify({ files, bytes, rows: rows.map(([n, r]) => ({ tool: n, seconds: r.seconds, cpu: r.cpu, rssMb: r.rssMb, status: r.status })) }, null, 2)}\n`,
);
