import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scanPaths } from "@tollgate/secrets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error: the corpus scorer is plain JavaScript without types
import { loadLabels, score } from "../fixtures/secrets/corpus/score.mjs";
import { fixtures } from "./helpers.js";

interface Score {
  precision: number;
  recall: number;
  missed: Array<{ file: string; line: number }>;
  fps: Array<{ file: string; line: number; rule: string }>;
}

let out: string;
let result: Score;

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "tollgate-corpus-"));
  execFileSync(process.execPath, [join(fixtures, "corpus/generate.mjs"), "--out", out, "--seed", "1", "--big-mb", "2"]);
  const scan = await scanPaths({ paths: [join(out, "tree")], cwd: out, workers: 0 });
  const findings = scan.findings.map((f) => ({ file: f.file, line: f.line, rule: f.rule }));
  result = score(findings, loadLabels(join(out, "labels.jsonl")));
}, 120_000);

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("accuracy on the generated corpus (seed 1, 2 MB big file)", () => {
  it("reaches a precision of at least 0.97", () => {
    expect(result.fps).toEqual([]);
    expect(result.precision).toBeGreaterThanOrEqual(0.97);
  });

  it("reaches a recall of at least 0.97", () => {
    expect(result.missed).toEqual([]);
    expect(result.recall).toBeGreaterThanOrEqual(0.97);
  });
});
