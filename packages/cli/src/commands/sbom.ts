import { formatLocation } from "@tollgate/errors";
import type { Scope } from "@tollgate/inventory";
import type { CycloneDxSpecVersion, SbomFormat } from "@tollgate/sbom";
import { Option } from "commander";
import type { CommandModule } from "../command.js";
import { ExitCode } from "../exit-codes.js";
import { version } from "../version.js";

const OMIT: Record<string, Scope> = { dev: "development", optional: "optional" };

interface SbomOptions {
  format?: SbomFormat[];
  output?: string;
  outputDir?: string;
  omit?: string[];
  specVersion: CycloneDxSpecVersion;
  exclude?: string[];
  allowEmpty?: boolean;
  validate?: boolean;
}

/** `tollgate sbom [PATH]`: writes the CycloneDX and SPDX SBOMs of a directory, lockfile or SBOM. */
export const sbomCommand: CommandModule = {
  register(program, io, setExit) {
    program
      .command("sbom")
      .description(
        "Write SBOMs of every lockfile under PATH: sbom.cdx.json (CycloneDX 1.6) and " +
          "sbom.spdx.json (SPDX 2.3) in the output directory (default: the current directory). " +
          "Development dependencies are included and marked; --omit dev leaves them out.",
      )
      .argument("[path]", "a directory, a lockfile, or a CycloneDX/SPDX JSON file", ".")
      .addOption(
        new Option("--format <format...>", "formats to write (default: both)").choices(["cyclonedx-json", "spdx-json"]),
      )
      .addOption(new Option("--output <file>", "write the one --format to FILE (- for stdout)").conflicts("outputDir"))
      .option("--output-dir <dir>", "directory for sbom.cdx.json and sbom.spdx.json (default: .)")
      .addOption(
        new Option("--omit <scope...>", "leave out development (or optional) dependencies").choices([
          "dev",
          "optional",
        ]),
      )
      .addOption(new Option("--spec-version <version>", "CycloneDX version").choices(["1.6", "1.5"]).default("1.6"))
      .option("--exclude <glob...>", "leave out lockfiles whose path (relative to PATH) matches")
      .option("--allow-empty", "succeed even when no lockfile or component is found")
      .option("--validate", "check each document against its official schema before writing it")
      .action(async (path: string, options: SbomOptions) => {
        // Loaded when the command runs, so other commands do not pay for the SBOM libraries at start-up.
        const { writeSboms } = await import("@tollgate/sbom");
        const written = await writeSboms(path, {
          toolVersion: version,
          cwd: io.cwd,
          env: io.env,
          stdout: io.stdout,
          specVersion: options.specVersion,
          ...(options.format ? { formats: options.format } : {}),
          ...(options.output !== undefined ? { output: options.output } : {}),
          ...(options.outputDir !== undefined ? { outputDir: options.outputDir } : {}),
          ...(options.omit ? { omit: options.omit.map((o) => OMIT[o] as Scope) } : {}),
          ...(options.exclude ? { exclude: options.exclude } : {}),
          ...(options.allowEmpty ? { allowEmpty: true } : {}),
          ...(options.validate ? { validate: true } : {}),
        });
        for (const warning of written.graph.warnings) {
          const where = warning.location ? `${formatLocation(warning.location)}: ` : "";
          io.stderr(`tollgate: warning: ${where}${warning.message} [${warning.code}]\n`);
        }
        const count = written.graph.components.filter((c) => c.role === "dependency").length;
        for (const [format, file] of Object.entries(written.files)) {
          if (file !== "-") io.stderr(`tollgate: wrote ${file} (${format}, ${count} components)\n`);
        }
        setExit(ExitCode.Pass);
      });
  },
};
