import { closeSync, openSync, rmSync, writeSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import type { DependencyGraph, Scope } from "@tollgate/inventory";
import { validateCycloneDx } from "./cyclonedx/validate.js";
import { type CycloneDxSpecVersion, cycloneDxDocument } from "./cyclonedx/write.js";
import { SbomError } from "./errors.js";
import { loadGraph } from "./load-graph.js";
import type { SbomFormat } from "./read-sbom.js";
import { documentChunks, renderDocument, type StreamedDocument } from "./shared/chunks.js";
import { sbomTimestamp } from "./shared/timestamp.js";
import { validateSpdx } from "./spdx/validate.js";
import { spdxDocument } from "./spdx/write.js";

/** How `--omit` (and the action's `omit` input) names each scope. */
const OMIT_FLAG: Record<Scope, string> = { development: "dev", optional: "optional", required: "required" };

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
  /** No lockfile found, or lockfiles that pin no dependency (after `omit`), is an error unless this is true. */
  allowEmpty?: boolean;
  /** Lockfiles that pin no dependency are fine (a missing lockfile still fails): what the release gate wants. */
  allowNoDependencies?: boolean;
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
  // Fail closed: an SBOM without a single dependency is far more often a wrong PATH, a lockfile
  // that lost its entries or an --omit that left nothing, than a project that depends on nothing.
  const empty = !graph.components.some((c) => c.role === "dependency");
  if (empty && !options.allowEmpty && !options.allowNoDependencies) {
    const lockfiles = graph.lockfiles.map((l) => l.path).join(", ");
    throw new SbomError(
      "SBOM_EMPTY",
      `${lockfiles || path}: no dependency${options.omit?.length ? ` outside --omit ${options.omit.map((s) => OMIT_FLAG[s]).join(" ")}` : ""}, so the SBOM would list no component`,
      {
        location: { file: graph.lockfiles[0]?.path ?? path },
        hint: "check PATH and the lockfile, or pass --allow-empty (action input allow-empty: true) if the project really has no dependencies",
      },
    );
  }
  const timestamp = sbomTimestamp(options.env ?? process.env, options.now);
  const files: WrittenSboms["files"] = {};
  for (const format of formats) {
    const document: StreamedDocument =
      format === "cyclonedx-json"
        ? cycloneDxDocument(graph, {
            timestamp,
            toolVersion: options.toolVersion,
            specVersion: options.specVersion ?? "1.6",
          })
        : spdxDocument(graph, { timestamp, toolVersion: options.toolVersion });
    if (options.validate) {
      const text = Buffer.concat(documentChunks(document)).toString("utf8");
      if (format === "cyclonedx-json") await validateCycloneDx(JSON.parse(text), options.specVersion ?? "1.6");
      else await validateSpdx(JSON.parse(text));
      files[format] = await writeText(options, cwd, format, [Buffer.from(text)]);
      continue;
    }
    files[format] =
      options.output === "-"
        ? await writeText(options, cwd, format, documentChunks(document))
        : await writeStreamed(target(options, cwd, format), document);
  }
  return { graph, files };
}

/** The file a format is written to. */
function target(options: WriteSbomsOptions, cwd: string, format: SbomFormat): string {
  return options.output !== undefined
    ? resolve(cwd, options.output)
    : join(resolve(cwd, options.outputDir ?? "."), DEFAULT_FILE_NAMES[format]);
}

/** Writes a finished document to stdout (`--output -`) or its file; returns where it went. */
async function writeText(options: WriteSbomsOptions, cwd: string, format: SbomFormat, chunks: Buffer[]) {
  if (options.output === "-") {
    const stdout = options.stdout ?? ((t: string) => process.stdout.write(t));
    for (const chunk of chunks) stdout(chunk.toString("utf8"));
    return "-";
  }
  const file = target(options, cwd, format);
  await toFile(file, (fd) => {
    for (const chunk of chunks) writeSync(fd, chunk);
  });
  return file;
}

/**
 * Writes a document to a file as it is made, batch by batch, never holding the whole text;
 * its identity (derived from the whole text) is written into its place at the end.
 */
async function writeStreamed(file: string, document: StreamedDocument): Promise<string> {
  await toFile(file, (fd) => {
    const identity = renderDocument(document, (chunk) => writeSync(fd, chunk));
    writeSync(fd, identity.bytes, 0, identity.bytes.length, identity.offset);
  });
  return file;
}

/** Creates `file` (and its directory) and hands its descriptor to `write`; on failure no partial file is left. */
async function toFile(file: string, write: (fd: number) => void): Promise<void> {
  let fd: number | undefined;
  try {
    await mkdir(dirname(file), { recursive: true });
    fd = openSync(file, "w");
    write(fd);
    const done = fd;
    fd = undefined;
    closeSync(done);
  } catch (cause) {
    if (fd !== undefined) {
      // A document that failed half-way is not left behind as if it were one.
      closeSync(fd);
      rmSync(file, { force: true });
    }
    if ((cause as NodeJS.ErrnoException).syscall === undefined) throw cause;
    throw new SbomError("SBOM_WRITE_FAILED", `cannot write ${file}`, {
      location: { file },
      hint: "check that the output directory is writable",
      cause,
    });
  }
}
