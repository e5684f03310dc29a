import { defaultSecretsConfig, limitsFrom, type SecretsConfig } from "../config/schema.js";
import { Matcher } from "../detect/matcher.js";
import { compareFindings, type ScanResult } from "../report/types.js";
import { compiledBuiltinRules } from "../rules/compile.js";
import { applySuppressions, compileAllowlist } from "../suppress/suppress.js";
import type { WalkContext } from "../walk/context.js";
import { type FileTask, listFiles, scanFile } from "../walk/files.js";
import type { ScanLimits, Unscanned } from "../walk/limits.js";
import { collectInto, emptyPartial, mergePartial, type PartialResult } from "./collect.js";

/** Options of `scanPaths`. */
export interface ScanOptions {
  /** Files and directories to scan, as given by the user. */
  paths: string[];
  /** Directory the paths are relative to. */
  cwd: string;
  /** The policy's `secrets:` section; defaults apply without it. */
  config?: SecretsConfig;
  /** Fingerprints accepted by a baseline file. */
  baseline?: ReadonlySet<string>;
  /** Worker threads to use; 0 scans in this thread. */
  workers?: number;
  /** Milliseconds clock, injected for tests. */
  now?: () => number;
}

let matcher: Matcher | undefined;

/** The matcher of the built-in rules, built once per thread (the automaton takes a while to build). */
function builtinMatcher(): Matcher {
  matcher ??= new Matcher(compiledBuiltinRules());
  return matcher;
}

/** Scans the files of `tasks` in this thread into one partial result. */
export async function scanTasks(
  tasks: FileTask[],
  settings: { limits: ScanLimits; decodeDepth: number },
  addBytes: (n: number) => number,
): Promise<PartialResult> {
  const partial = emptyPartial();
  const ctx: WalkContext = {
    analyze: { matcher: builtinMatcher(), decodeDepth: settings.decodeDepth },
    limits: settings.limits,
    addBytes,
    report: collectInto(partial),
  };
  for (const task of tasks) await scanFile(task, ctx);
  return partial;
}

function compareUnscanned(a: Unscanned, b: Unscanned): number {
  const s = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
  return s(a.file, b.file) || s(a.reason, b.reason) || s(a.detail, b.detail);
}

/** Scans files, directories and archives and returns findings, suppressed findings and what was not scanned. */
export async function scanPaths(options: ScanOptions): Promise<ScanResult> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const config = options.config ?? defaultSecretsConfig();
  const settings = { limits: limitsFrom(config), decodeDepth: config["decode-depth"] };
  const { tasks, unscanned } = await listFiles(options.paths, options.cwd);
  const total = emptyPartial();
  total.unscanned.push(...unscanned);
  const workers = options.workers ?? 0;
  if (workers > 0 && tasks.length > 1) {
    const { scanInWorkers } = await import("./pool.js");
    mergePartial(total, await scanInWorkers(tasks, settings, workers));
  } else {
    let used = 0;
    mergePartial(total, await scanTasks(tasks, settings, (n) => (used += n)));
  }
  const { findings, suppressed } = applySuppressions(
    total.candidates,
    compileAllowlist(config.allow),
    options.baseline ?? new Set(),
  );
  return {
    findings: findings.sort(compareFindings),
    suppressed: suppressed.sort(compareFindings),
    unscanned: total.unscanned.sort(compareUnscanned),
    stats: {
      files: total.files,
      bytes: total.bytes,
      archives: total.archives,
      seconds: Math.round(now() - started) / 1000,
    },
  };
}
