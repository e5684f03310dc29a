// Benchmark of the pull-request review (not part of npm test). Run `npm run build` first, then
// `node bench/review/run.mjs`. Reviews insomnia's lockfile at two commits (v2 → v3, read from a
// scratch git repository with `git show`) and a synthetic 20,000-package change, offline, and
// compares with the time `npm sbom --package-lock-only` takes just to list the head side.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { readInventory } from "@tollgate/inventory";
import { inventoryAtRef, parsePolicy, renderReviewMarkdown, reviewChange } from "@tollgate/policy";
import { syntheticChange } from "./synthetic-change.mjs";

const root = new URL("../..", import.meta.url).pathname;
const npmDir = join(root, "test/fixtures/lockfiles/npm");
const work = join(root, "bench/.work/review");
const RUNS = 7;
const policy = parsePolicy(
  "version: 1\nmode: developer\nlicenses:\n  allow: [MIT, ISC, Apache-2.0, BSD-2-Clause, BSD-3-Clause, 0BSD]\nbans:\n  multiple-versions: warn\n  deny:\n    - name: request\n      reason: unmaintained\n",
  "bench-policy.yml",
);
const registries = { defaultRegistries: { npm: ["https://registry.example.org/"] } };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function time(fn) {
  const samples = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    last = await fn();
    samples.push(performance.now() - t);
  }
  return { ms: median(samples), min: Math.min(...samples), last };
}

rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: "b",
  GIT_AUTHOR_EMAIL: "b@example.org",
  GIT_COMMITTER_NAME: "b",
  GIT_COMMITTER_EMAIL: "b@example.org",
};
const git = (...args) => execFileSync("git", args, { cwd: work, env });
const put = (prefix) => {
  copyFileSync(join(npmDir, `${prefix}__package-lock.json`), join(work, "package-lock.json"));
  copyFileSync(join(npmDir, `${prefix}__package.json`), join(work, "package.json"));
};
git("init", "-q", "-b", "main");
put("Kong__insomnia@1f05683fad");
git("add", ".");
git("commit", "-q", "-m", "base: insomnia lockfile v2");
put("Kong__insomnia");

// 1. insomnia v2 → v3, end to end: base via git show, head from the work tree, review, Markdown.
const full = await time(async () => {
  const [base, head] = await Promise.all([inventoryAtRef(work, "HEAD"), readInventory(work)]);
  const result = await reviewChange(base, head, policy, registries);
  return { result, markdown: renderReviewMarkdown(result) };
});
const { result, markdown } = full.last;
const baseOnly = await time(() => inventoryAtRef(work, "HEAD"));
const headOnly = await time(() => readInventory(work));
const [base, head] = [baseOnly.last, headOnly.last];
const reviewOnly = await time(() => reviewChange(base, head, policy, registries));
const count = (g) => g.components.filter((c) => c.role === "dependency").length;
console.log(
  `insomnia v2→v3 (${count(base)} → ${count(head)} packages): ${result.diff.added.length} added, ${result.diff.changed.length} changed, ${result.diff.removed.length} removed, ${result.introduced.length} introduced findings, comment ${markdown.length} bytes`,
);
console.log(
  `  end to end ${full.ms.toFixed(0)} ms (median of ${RUNS}, min ${full.min.toFixed(0)}): base via git show ${baseOnly.ms.toFixed(0)} ms, head read ${headOnly.ms.toFixed(0)} ms, diff+policy ${reviewOnly.ms.toFixed(0)} ms`,
);

// 2. npm sbom listing the head side only (lockfile only, no network).
let npmMs;
try {
  const npm = await time(() =>
    execFileSync("npm", ["sbom", "--sbom-format", "cyclonedx", "--package-lock-only", "--offline"], {
      cwd: work,
      stdio: ["ignore", "pipe", "ignore"],
      maxBuffer: 1 << 28,
    }),
  );
  npmMs = npm.ms;
  console.log(
    `npm sbom --package-lock-only (head side only): ${npm.ms.toFixed(0)} ms (median of ${RUNS}); review/npm-sbom ratio ${(full.ms / npm.ms).toFixed(2)}`,
  );
} catch (error) {
  console.log(`npm sbom failed: ${error.message.split("\n")[0]}`);
}

// 3. A synthetic 20,000-package change.
const synthetic = syntheticChange(20_000);
const big = await time(async () => {
  const r = await reviewChange(synthetic.base, synthetic.head, policy, registries);
  return { r, markdown: renderReviewMarkdown(r) };
});
const r = big.last.r;
console.log(
  `synthetic 20,000 packages: ${r.diff.added.length} added, ${r.diff.changed.length} changed, ${r.diff.removed.length} removed, ${r.introduced.length} introduced findings; review+comment ${big.ms.toFixed(0)} ms (median of ${RUNS}, min ${big.min.toFixed(0)})`,
);
writeFileSync(
  join(work, "results.json"),
  `${JSON.stringify({ insomniaMs: full.ms, npmSbomMs: npmMs ?? null, synthetic20kMs: big.ms }, null, 2)}\n`,
);
