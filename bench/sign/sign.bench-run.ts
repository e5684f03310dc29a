/**
 * Benchmark: keyless signing and attesting of 1, 10, 100 and 1,000 artifacts against the loopback Sigstore
 * stack (Fulcio, Rekor v1, TSA). Reports wall time and requests per service; writes bench/.work/sign.json.
 * Run: npx vitest run --config bench/sign/vitest.config.ts
 */
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import {
  attestArtifacts,
  createSigningSession,
  digestArtifacts,
  githubContextFromClaims,
  provenanceStatement,
  SLSA_PROVENANCE_V1,
  signArtifacts,
} from "@tollgate/attest";
import { expect, it } from "vitest";
import {
  FULCIO_PATH,
  REKOR_V1_PATH,
  type SigstoreStack,
  startSigstoreStack,
  TSA_PATH,
} from "../../test/servers/sigstore.js";
import { fakeGitHubToken, githubClaims } from "../../test/servers/sigstore-token.js";

const SIZES = [1, 10, 100, 1000];
const REPEATS = 3;

type Operation = "sign (Fulcio+Rekor v1)" | "sign (Fulcio+TSA)" | "attest (Fulcio+Rekor v1+TSA)";

interface Row {
  operation: Operation;
  artifacts: number;
  medianMs: number;
  runsMs: number[];
  fulcio: number;
  rekor: number;
  tsa: number;
}

async function artifacts(n: number): Promise<{ dir: string; paths: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), `tollgate-bench-${n}-`));
  const paths: string[] = [];
  for (let i = 0; i < n; i++) {
    const path = join(dir, `artifact-${String(i).padStart(4, "0")}.bin`);
    await writeFile(path, `artifact ${i}\n`.repeat(64));
    paths.push(path);
  }
  return { dir, paths };
}

/** The instance shape of each operation: public-good's (log, no TSA), GitHub's (TSA, no log), or both. */
function session(stack: SigstoreStack, operation: Operation) {
  const rekor = operation.includes("Rekor") ? { rekorUrl: stack.url, rekorVersion: 1 as const } : {};
  const tsa = operation.includes("TSA") ? { tsaUrl: stack.url } : {};
  return createSigningSession({
    instance: { name: "custom", fulcioUrl: stack.url, ...rekor, ...tsa },
    getToken: async () => fakeGitHubToken(),
    retries: 0,
  });
}

async function measure(stack: SigstoreStack, operation: Row["operation"], n: number): Promise<Row> {
  const { dir, paths } = await artifacts(n);
  const runsMs: number[] = [];
  let counts = { fulcio: 0, rekor: 0, tsa: 0 };
  for (let r = 0; r < REPEATS; r++) {
    const before = new Map(stack.requests);
    const delta = (path: string) => (stack.requests.get(path) ?? 0) - (before.get(path) ?? 0);
    const start = performance.now();
    if (operation.startsWith("sign")) {
      await signArtifacts({ paths, session: session(stack, operation), outDir: dir });
    } else {
      const subjects = await digestArtifacts(paths);
      const predicate = provenanceStatement(subjects, githubContextFromClaims(githubClaims())).predicate;
      await attestArtifacts({
        subjects,
        predicates: [{ name: "provenance", predicateType: SLSA_PROVENANCE_V1, predicate }],
        session: session(stack, operation),
        outDir: dir,
      });
    }
    runsMs.push(performance.now() - start);
    counts = { fulcio: delta(FULCIO_PATH), rekor: delta(REKOR_V1_PATH), tsa: delta(TSA_PATH) };
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { operation, artifacts: n, medianMs: sorted[Math.floor(sorted.length / 2)] ?? 0, runsMs, ...counts };
}

it("signs and attests 1, 10, 100 and 1,000 artifacts", async () => {
  const stack = await startSigstoreStack();
  const rows: Row[] = [];
  try {
    await measure(stack, "sign (Fulcio+Rekor v1)", 1); // warm-up: module loading and first connections
    for (const operation of ["sign (Fulcio+Rekor v1)", "sign (Fulcio+TSA)", "attest (Fulcio+Rekor v1+TSA)"] as const) {
      for (const n of SIZES) rows.push(await measure(stack, operation, n));
    }
  } finally {
    await stack.close();
  }
  const lines = ["| operation | artifacts | median wall ms | Fulcio | Rekor | TSA |", "|---|---:|---:|---:|---:|---:|"];
  for (const r of rows)
    lines.push(`| ${r.operation} | ${r.artifacts} | ${r.medianMs.toFixed(0)} | ${r.fulcio} | ${r.rekor} | ${r.tsa} |`);
  lines.push("");
  for (const operation of new Set(rows.map((r) => r.operation))) {
    const one = rows.find((r) => r.operation === operation && r.artifacts === 1)?.medianMs ?? 1;
    const thousand = rows.find((r) => r.operation === operation && r.artifacts === 1000)?.medianMs ?? 0;
    lines.push(`${operation}: 1000 artifacts / 1 artifact = ${(thousand / one).toFixed(1)}x`);
  }
  lines.push(
    `(node ${process.version}, median of ${REPEATS} runs, 1 KiB artifacts, all services in one loopback process)`,
  );
  console.log(lines.join("\n"));
  await mkdir("bench/.work", { recursive: true });
  await writeFile("bench/.work/sign.json", `${JSON.stringify(rows, null, 2)}\n`);
  // The one hard property: attestation cost in Fulcio and Rekor requests does not grow with the artifacts.
  expect(rows.filter((r) => r.operation.startsWith("attest")).map((r) => [r.fulcio, r.rekor])).toEqual(
    SIZES.map(() => [1, 1]),
  );
});
