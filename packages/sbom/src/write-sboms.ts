import { mkdir, open } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { DependencyGraph, Scope } from "@tollgate/inventory";
import { validateCycloneDx } from "./cyclonedx/validate.js";
import { type CycloneDxSpecVersion, cycloneDxChunks } from "./cyclonedx/write.js";
import { SbomError } from "./errors.js";
import { loadGraph } from "./load-graph.js";
import type { SbomFormat } from "./read-sbom.js";
import { sbomTimestamp } from "./shared/timestamp.js";
import { validateSpdx } from "./spdx/validate.js";
import { spdxChunks } from "./spdx/write.js";

/** The file each format is written to inside the output directory. */
export const DEFAULT_FILE_NAMES: Record<SbomFormat, string> = {
  "cyclonedx-json": "sbom.cdx.json",
  "spdx-json": "sbom.spdx.json",
};

export interface WriteSbomsOptions {
  /** Formats to write (default both). */
  formats?: SbomFormat[];
  /** Directory for the default file names (default `cwd`). */
  outputDir?: string;
  /** One file for the one format asked for; `-` writes to `stdout`. */
  output?: string;
  /** Scopes to leave out (`--omit dev` is `["development"]`). */
  omit?: Scope[];
  /** Globs of paths to leave out of lockfile discovery. */
  exclude?: string[];
  /** An empty graph is an error unless this is true. */
  allowEmpty?: boolean;
  /** CycloneDX version (default 1.6). */
  specVersion?: CycloneDxSpecVersion;
  /** Check each document against its official schema before writing it. */
  validate?: boolean;
  /** The version of Tollgate recorded as the tool. */
  toolVersion: string;
  /** Relative paths resolve against it (default process.cwd()). */
  cwd?: string;
  /** Environment for SOURCE_DATE_EPOCH (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Clock used when SOURCE_DATE_EPOCH is unset. */
  now?: () => Date;
  /** Receives the document when `output` is `-`. */
  stdout?: (text: string) => void;
}

/** What writeSboms wrote. */
export interface WrittenSboms {
  graph: DependencyGraph;
  /** Absolute paths by format (`-` for stdout). */
  files: Partial<Record<SbomFormat, string>>;
}

/** Loads the graph of `path` and writes its SBOMs: the whole of `tollgate sbom` and actions/sbom. */
export async function writeSboms(path: string, options: WriteSbomsOptions): Promise<WrittenSboms> {
  const formats = [
    ...new Set(
      options.formats && options.formats.length > 0
        ? options.formats
        : (["cyclonedx-json", "spdx-json"] as SbomFormat[]),
    ),
  ];
  if (options.output !== undefined && formats.length !== 1) {
    throw new SbomError("SBOM_USAGE", `--output names one file, but ${formats.length} formats were asked for`, {
      hint: "pass exactly one --format with --output, or use --output-dir for both files",
    });
  }
  const cwd = options.cwd ?? process.cwd();
  const graph = await loadGraph(resolve(cwd, path), {
    ...(options.omit ? { omit: options.omit } : {}),
    ...(options.exclude ? { exclude: options.exclude } : {}),
    ...(options.allowEmpty ? { allowEmpty: true } : {}),
  });
  const timestamp = sbomTimestamp(options.env ?? process.env, options.now);
  const files: WrittenSboms["files"] = {};
  for (const format of formats) {
    const chunks =
      format === "cyclonedx-json"
        ? cycloneDxChunks(graph, {
            timestamp,
            toolVersion: options.toolVersion,
            specVersion: options.specVersion ?? "1.6",
          })
        : spdxChunks(graph, { timestamp, toolVersion: options.toolVersion });
    if (options.validate) {
      const document = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      if (format === "cyclonedx-json") await validateCycloneDx(document, options.specVersion ?? "1.6");
      else await validateSpdx(document);
    }
    if (options.output === "-") {
      const stdout = options.stdout ?? ((t: string) => process.stdout.write(t));
      for (const chunk of chunks) stdout(chunk.toString("utf8"));
      files[format] = "-";
      continue;
    }
    const target =
      options.output !== undefined
        ? resolve(cwd, options.output)
        : join(resolve(cwd, options.outputDir ?? "."), DEFAULT_FILE_NAMES[format]);
    await writeChunks(target, chunks);
    files[format] = target;
  }
  return { graph, files };
}

/** Writes a document's pieces to a file in batches, never joining the whole document into one string. */
async function writeChunks(target: string, chunks: Buffer[]): Promise<void> {
  try {
    await mkdir(dirname(target), { recursive: true });
    const handle = await open(target, "w");
    try {
      for (const chunk of chunks) await handle.write(chunk);
    } finally {
      await handle.close();
    }
  } catch (cause) {
    throw new SbomError("SBOM_WRITE_FAILED", `cannot write ${target}`, {
      location: { file: target },
      hint: "check that the output directory is writable",
      cause,
    });
  }
}
