// Benchmark: keyless signing and attesting of 1, 10, 100 and 1,000 artifacts against the loopback Sigstore
// stack (@sigstore/mock Fulcio, Rekor v1, TSA) running in its OWN process on 127.0.0.1, as the real services are
// remote. Two measures per row:
//   library  signArtifacts / attestArtifacts of the built @tollgate/attest, called in this process (a fresh
//            session per run: key generation, OIDC token, Fulcio certificate are inside the time);
//   cli      `node packages/cli/dist/bundle/index.js sign|attest …` end to end as a process (process start, module load,
//            token, key, certificate, one log entry or timestamp per artifact, bundle files).
// Reports the median wall time of --runs runs (default 5, interleaved across the sizes, after one warm-up of the
// library call), the signer's CPU time (the library's process; the CLI's process through GNU time /usr/bin/time
// when installed), the requests each service received in the last run, the CPU the stack's process spent (not
// the signer's), the load, and what creating an empty file costs on the temporary directory's disk before and
// after (each 1,000-artifact run creates 1,000 bundle files; on the shared ext4 disk that ranged from 30 µs to
// 0.8 ms of kernel CPU per file, depending on how many files everyone had just deleted).
//
//   npm run build && npm run bench -- sign [--runs N] [--sizes 1,10,100,1000] [--bytes 1024]
//                                         [--measures library,cli] [--operations sign-rekor,sign-tsa,attest]
//   (the last two narrow a run while iterating; the README's table is a run of all of them)
//
// Writes bench/.work/sign.json. Exits 1 if an attestation's Fulcio or Rekor requests grow with the artifacts.
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

const root = new URL("../../", import.meta.url).pathname;
await import(join(root, "test/servers/ts-hooks.ts"));
const { startSigstoreStackProcess } = await import(join(root, "test/servers/sigstore-process.ts"));
const { fakeGitHubToken, githubClaims } = await import(join(root, "test/servers/sigstore-token.ts"));

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const runs = Number(arg("--runs", "5"));
const sizes = arg("--sizes", "1,10,100,1000").split(",").map(Number);
const bytes = Number(arg("--bytes", "1024"));

const cli = join(root, "packages/cli/dist/bundle/index.js");
const attestDist = join(root, "packages/attest/dist/index.js");
for (const built of [cli, attestDist]) {
  if (!existsSync(built)) {
    console.error(`${built} is missing: run npm run build first`);
    process.exit(2);
  }
}
const attest = await import(attestDist);

const FULCIO = "/api/v2/signingCert";
const REKOR = "/api/v1/log/entries";
const TSA = "/api/v1/timestamp";
const ALL_OPERATIONS = {
  "sign-rekor": "sign (Fulcio+Rekor v1)",
  "sign-tsa": "sign (Fulcio+TSA)",
  attest: "attest (Fulcio+Rekor v1+TSA)",
};
const operationKeys = arg("--operations", Object.keys(ALL_OPERATIONS).join(",")).split(",");
const unknownOperation = operationKeys.find((key) => !ALL_OPERATIONS[key]);
if (unknownOperation !== undefined) {
  console.error(`unknown operation ${unknownOperation}: use ${Object.keys(ALL_OPERATIONS).join(", ")}`);
  process.exit(2);
}
const OPERATIONS = operationKeys.map((key) => ALL_OPERATIONS[key]);
const MEASURES = arg("--measures", "library,cli").split(",");

const stack = await startSigstoreStackProcess();
const token = fakeGitHubToken({ exp: Math.floor(Date.now() / 1000) + 3600 });
const instanceOf = (operation) => ({
  name: "custom",
  fulcioUrl: stack.url,
  ...(operation.includes("Rekor") ? { rekorUrl: stack.url, rekorVersion: 1 } : {}),
  ...(operation.includes("TSA") ? { tsaUrl: stack.url } : {}),
});

/** n files of `bytes` bytes each, distinct contents. */
async function artifacts(n) {
  const dir = await mkdtemp(join(tmpdir(), `tollgate-bench-sign-${n}-`));
  const paths = [];
  for (let i = 0; i < n; i++) {
    const path = join(dir, `artifact-${String(i).padStart(4, "0")}.bin`);
    const line = `artifact ${i}\n`;
    await writeFile(path, line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes));
    paths.push(path);
  }
  return { dir, paths };
}

async function library(operation, dir, paths) {
  const session = attest.createSigningSession({ instance: instanceOf(operation), getToken: async () => token });
  if (operation.startsWith("sign")) {
    await attest.signArtifacts({ paths, session, outDir: dir });
    return;
  }
  const subjects = await attest.digestArtifacts(paths);
  const context = attest.githubContextFromClaims(githubClaims());
  const predicate = attest.provenanceStatement(subjects, context).predicate;
  await attest.attestArtifacts({
    subjects,
    predicates: [{ name: "provenance", predicateType: attest.SLSA_PROVENANCE_V1, predicate }],
    session,
    outDir: dir,
  });
}

function cliArgs(operation, dir, paths) {
  const instance = instanceOf(operation);
  const flags = ["--instance", "custom", "--fulcio-url", instance.fulcioUrl, "--allow-host", "127.0.0.1"];
  if (instance.rekorUrl) flags.push("--rekor-url", instance.rekorUrl);
  if (instance.tsaUrl) flags.push("--tsa-url", instance.tsaUrl);
  return [operation.startsWith("sign") ? "sign" : "attest", ...paths, "--out-dir", dir, ...flags];
}

/** GNU time, when installed, reports the CLI process's own CPU time (user + system) on its last stderr line. */
const gnuTime = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/** Runs the CLI; resolves with its wall time (and CPU time with GNU time), or rejects with its stderr. */
function runCli(operation, dir, paths) {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const command = [process.execPath, cli, ...cliArgs(operation, dir, paths)];
    const [file, ...args] = gnuTime ? [gnuTime, "-f", "cpu %U %S", ...command] : command;
    const child = spawn(file, args, {
      cwd: dir,
      env: { ...process.env, SIGSTORE_ID_TOKEN: token },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - start;
      const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(stderr);
      const cpuMs = cpu ? (Number(cpu[1]) + Number(cpu[2])) * 1000 : undefined;
      if (code === 0) resolve({ ms, cpuMs });
      else reject(new Error(`tollgate ${cliArgs(operation, dir, paths)[0]} exited ${code}: ${stderr.slice(-2000)}`));
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One run of a measure: wall time, signer CPU (when known), requests per service and the stack's CPU. */
async function once(measureName, operation, dir, paths) {
  const before = await stack.requests();
  let result;
  if (measureName === "library") {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await library(operation, dir, paths);
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    result = { ms, cpuMs: (used.user + used.system) / 1000 };
  } else {
    result = await runCli(operation, dir, paths);
  }
  const after = await stack.requests();
  const delta = (path) => (after.requests.get(path) ?? 0) - (before.requests.get(path) ?? 0);
  return {
    ...result,
    counts: { fulcio: delta(FULCIO), rekor: delta(REKOR), tsa: delta(TSA), stackCpuMs: after.cpuMs - before.cpuMs },
  };
}

/** Every directory of artifacts made; removed only after the last measurement (see measureSizes). */
const made = [];

/**
 * All sizes of one measure and operation; the runs are interleaved (1, 10, 100, 1,000, then again), so a change
 * of load on the shared machine falls on every size alike and the 1,000 / 1 ratio stays fair. Every run signs
 * its own new artifacts and writes new bundles, as a release does; nothing is deleted until all measurements are
 * done, because ext4 skips inodes freed in the last seconds when it allocates new ones, so creating 1,000 bundles
 * right after deleting the previous run's 1,000 costs several times the CPU of creating them on a quiet disk.
 */
async function measureSizes(measureName, operation) {
  const rounds = runs + (measureName === "library" ? 1 : 0);
  const sets = [];
  for (let r = 0; r < rounds; r++) sets.push(await Promise.all(sizes.map((n) => artifacts(n))));
  made.push(...sets.flat().map((set) => set.dir));
  // Warm-up of the library call: module loading, JIT, first connections.
  if (measureName === "library") {
    const warm = sets.shift()[0];
    await once(measureName, operation, warm.dir, warm.paths);
  }
  const results = sizes.map(() => []);
  for (const round of sets) {
    for (const [i, set] of round.entries()) results[i].push(await once(measureName, operation, set.dir, set.paths));
  }
  return sizes.map((n, i) => {
    const cpu = results[i].map((x) => x.cpuMs).filter((x) => x !== undefined);
    return {
      measure: measureName,
      operation,
      artifacts: n,
      medianMs: median(results[i].map((x) => x.ms)),
      runsMs: results[i].map((x) => Math.round(x.ms)),
      signerCpuMs: cpu.length > 0 ? median(cpu) : undefined,
      ...results[i][results[i].length - 1].counts,
    };
  });
}

/** CPU µs to create one empty file in a new directory of the temporary directory: the disk's state, reported. */
async function fileCreationMicros() {
  const dir = await mkdtemp(join(tmpdir(), "tollgate-bench-sign-probe-"));
  made.push(dir);
  const cpu = process.cpuUsage();
  for (let i = 0; i < 200; i++) closeSync(openSync(join(dir, `probe-${i}`), "w"));
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 200;
}

const loadBefore = loadavg()[0];
const createBefore = await fileCreationMicros();
let createAfter;
const rows = [];
try {
  for (const measureName of MEASURES) {
    for (const operation of OPERATIONS) {
      for (const row of await measureSizes(measureName, operation)) {
        rows.push(row);
        console.error(`${measureName} ${operation} ${row.artifacts}: ${row.medianMs.toFixed(0)} ms`);
      }
    }
  }
  createAfter = await fileCreationMicros();
} finally {
  await stack.close();
  for (const dir of made) await rm(dir, { recursive: true, force: true });
}
const loadAfter = loadavg()[0];

const lines = [
  "| measure | operation | artifacts | median wall ms | signer CPU ms | Fulcio | Rekor | TSA | stack CPU ms |",
  "|---|---|---:|---:|---:|---:|---:|---:|---:|",
];
for (const r of rows) {
  const cpu = r.signerCpuMs === undefined ? "" : r.signerCpuMs.toFixed(0);
  lines.push(
    `| ${r.measure} | ${r.operation} | ${r.artifacts} | ${r.medianMs.toFixed(0)} | ${cpu} | ${r.fulcio} | ${r.rekor} | ${r.tsa} | ${r.stackCpuMs.toFixed(0)} |`,
  );
}
lines.push("");
const first = sizes[0];
const last = sizes[sizes.length - 1];
for (const measureName of MEASURES) {
  for (const operation of OPERATIONS) {
    const at = (n) => rows.find((r) => r.measure === measureName && r.operation === operation && r.artifacts === n);
    const ratio = at(last).medianMs / at(first).medianMs;
    const cpu = at(first).signerCpuMs
      ? `, signer CPU ${(at(last).signerCpuMs / at(first).signerCpuMs).toFixed(1)}x`
      : "";
    lines.push(`${measureName} ${operation}: ${last} artifacts / ${first} = wall ${ratio.toFixed(1)}x${cpu}`);
  }
}
lines.push(
  `(node ${process.version}, median of ${runs} runs, ${bytes}-byte artifacts, stack in its own process; ` +
    `1-min load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after; creating an empty file ` +
    `in ${tmpdir()} cost ${createBefore.toFixed(0)} µs CPU before, ${createAfter.toFixed(0)} µs after)`,
);
console.log(lines.join("\n"));
await mkdir(join(root, "bench/.work"), { recursive: true });
await writeFile(join(root, "bench/.work/sign.json"), `${JSON.stringify(rows, null, 2)}\n`);

// The hard property: an attestation costs one certificate and one log entry, whatever the number of artifacts.
const grows = rows.filter((r) => r.operation.startsWith("attest") && (r.fulcio !== 1 || r.rekor !== 1));
if (grows.length > 0) {
  console.error(`attestation requests grew with the artifacts: ${JSON.stringify(grows)}`);
  process.exit(1);
}
