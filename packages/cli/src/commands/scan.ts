import { mkdir, stat, writeFile } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import {
  buildBaseline,
  defaultWorkerCount,
  loadSecretsConfig,
  readBaseline,
  type ScanResult,
  sarifInputs,
  scanPaths,
  toJson,
  toText,
} from "@tollgate/secrets";
import { Option } from "commander";
import type { CommandModule } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import type { CliIO } from "../io.js";
import { version } from "../version.js";

type ScanFormat = "text" | "json" | "sarif";

interface ScanCliOptions {
  format: ScanFormat;
  output?: string;
  baseline?: string;
  writeBaseline?: string;
  policy?: string;
  workers?: string;
}

/**
 * Renders a scan; SARIF artifact paths get `prefix` so they are relative to the working directory.
 * The SARIF writer (with the GitHub client it ships beside) is loaded only for SARIF output: it
 * would add ~40 ms to the start of every scan, before the scan threads start.
 */
export async function renderScan(result: ScanResult, format: ScanFormat, prefix: string): Promise<string> {
  if (format === "text") return toText(result);
  if (format === "json") return `${JSON.stringify(toJson(result), null, 2)}\n`;
  const { buildSarif } = await import("@tollgate/github");
  const { rules, results } = sarifInputs(result);
  const sarif = buildSarif({
    toolName: "tollgate-secrets",
    toolVersion: version,
    rules,
    results: results.map((r) => ({ ...r, file: prefix + r.file })),
  });
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

/** The exit code of a scan: 1 when a secret is found, or something was not scanned and the policy does not allow it. */
export function scanExitCode(result: ScanResult, unscannedAllowed: boolean): ExitCode {
  if (result.findings.length > 0) return ExitCode.GateFailed;
  if (result.unscanned.length > 0 && !unscannedAllowed) return ExitCode.GateFailed;
  return ExitCode.Pass;
}

async function writeOut(io: CliIO, text: string, output: string | undefined): Promise<void> {
  if (output === undefined || output === "-") return io.stdout(text);
  const path = resolve(io.cwd, output);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

/** Prefix that makes report paths relative to the working directory, when a single path was given. */
async function sarifPrefix(io: CliIO, paths: string[]): Promise<string> {
  if (paths.length !== 1) return "";
  const abs = resolve(io.cwd, paths[0] as string);
  const base = (await stat(abs)).isDirectory() ? abs : dirname(abs);
  const rel = relative(io.cwd, base).split(sep).join("/");
  return rel === "" ? "" : `${rel}/`;
}

/** `tollgate scan <paths...>`: secrets in files, directories and archives (nested). */
export const scanCommand: CommandModule = {
  register(program, io, setExit) {
    program
      .command("scan")
      .description(
        "Scan files, directories and archives (zip, jar, whl, tar, tgz, gz, bz2, xz, nested) for leaked credentials. " +
          "Exit 1 when a secret is found or something could not be scanned, 2 on a usage or input error.",
      )
      .argument("<paths...>", "files, directories or archives to scan")
      .addOption(new Option("--format <format>", "report format").choices(["text", "json", "sarif"]).default("text"))
      .option("--output <file>", "write the report to FILE instead of stdout")
      .option("--baseline <file>", "accept the findings listed in this baseline (reported as suppressed)")
      .option("--write-baseline <file>", "write every finding of this scan to a baseline file")
      .option("--policy <file>", "policy file whose secrets: section sets allow entries, decode depth and limits")
      .option(
        "--workers <n>",
        "threads that scan, the main one included (default: one per core; 0 or 1: the main thread only)",
      )
      .action(async (paths: string[], options: ScanCliOptions) => {
        const workers = options.workers === undefined ? defaultWorkerCount() : Number(options.workers);
        if (!Number.isInteger(workers) || workers < 0) {
          io.stderr(`tollgate: --workers must be a whole number, got ${options.workers}\n`);
          setExit(ExitCode.Error);
          return;
        }
        const config = options.policy ? await loadSecretsConfig(resolve(io.cwd, options.policy)) : undefined;
        const baseline = options.baseline ? await readBaseline(resolve(io.cwd, options.baseline)) : undefined;
        const result = await scanPaths({
          paths,
          cwd: io.cwd,
          workers,
          ...(config ? { config } : {}),
          ...(baseline ? { baseline } : {}),
        });
        if (options.writeBaseline) {
          await writeOut(io, `${JSON.stringify(buildBaseline(result), null, 2)}\n`, options.writeBaseline);
        }
        await writeOut(io, await renderScan(result, options.format, await sarifPrefix(io, paths)), options.output);
        setExit(scanExitCode(result, config?.unscanned === "allow"));
      });
  },
};
