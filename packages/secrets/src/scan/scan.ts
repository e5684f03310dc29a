import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { defaultSecretsConfig, limitsFrom, type SecretsConfig } from "../config/schema.js";
import { Matcher } from "../detect/matcher.js";
import { compareFindings, type ScanResult } from "../report/types.js";
import { compiledBuiltinRules } from "../rules/builtin.js";
import { applySuppressions, compileAllowlist } from "../suppress/suppress.js";
import type { Unscanned } from "../walk/limits.js";
import { listFiles, walkFiles } from "../walk/list.js";
import { emptyPartial, mergePartial } from "./collect.js";
import { type ScanSettings, scanClaimed } from "./scan-files.js";

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
  /** Threads that scan: this one and `workers - 1` worker threads; 0 or 1 scan in this thread only. */
  workers?: number;
  /** Milliseconds clock, injected for tests. */
  now?: () => number;
}

let matcher: Matcher | undefined;

/** The matcher of the built-in rules, built once per thread (the keyword tables take a while to build). */
export function builtinMatcher(): Matcher {
  matcher ??= new Matcher(compiledBuiltinRules());
  return matcher;
}

/** True when one of the paths is a directory (errors are left to the listing, which reports them). */
async function anyDirectory(paths: string[], cwd: string): Promise<boolean> {
  for (const path of paths) {
    if (
      await stat(resolve(cwd, path)).then(
        (s) => s.isDirectory(),
        () => false,
      )
    )
      return true;
  }
  return false;
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
  const settings: ScanSettings = { limits: limitsFrom(config), decodeDepth: config["decode-depth"] };
  const workers = options.workers ?? 0;
  const total = emptyPartial();
  if (workers > 1 && (await anyDirectory(options.paths, options.cwd))) {
    // Workers start (and build their matchers) while the directories are listed, and scan the
    // files as they are listed; this thread joins them once the listing is complete.
    const pool = (await import("./pool.js")).startPool(workers - 1, settings, compiledBuiltinRules);
    try {
      total.unscanned.push(...walkFiles(options.paths, options.cwd, (batch) => pool.add(batch)));
      mergePartial(
        total,
        await pool.finish((next, addBytes) => scanClaimed(next, settings, addBytes, builtinMatcher())),
      );
    } finally {
      await pool.close();
    }
  } else {
    // One thread (or single files): the files in order of name.
    const { tasks, unscanned } = listFiles(options.paths, options.cwd);
    total.unscanned.push(...unscanned);
    let used = 0;
    let index = 0;
    mergePartial(
      total,
      await scanClaimed(
        () => tasks[index++],
        settings,
        (n) => (used += n),
        builtinMatcher(),
      ),
    );
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
