import type { Document } from "yaml";
import { InventoryError } from "../../errors.js";
import { asRecord } from "./json-values.js";
import { parseYamlFast } from "./yaml-fast.js";

/** A parsed YAML lockfile: its data and the line of every key of its top-level sections. */
export interface YamlLockfile {
  data: Record<string, unknown>;
  /** The 1-based line of `section.key` (e.g. `packages` → `/foo@1.0.0`; section `""` for top-level keys). */
  lineOf(section: string, key: string): number | undefined;
}

function parseError(file: string, hint: string, message: string, line?: number, column?: number): InventoryError {
  const at = line === undefined ? "" : ` at line ${line}${column === undefined ? "" : ` column ${column}`}`;
  return new InventoryError("LOCKFILE_PARSE", `${file} is not valid YAML${at}: ${message}`, {
    location: { file, ...(line === undefined ? {} : { line }), ...(column === undefined ? {} : { column }) },
    hint,
  });
}

/**
 * Parses a YAML lockfile (pnpm, yarn berry). When the file holds several documents
 * (pnpm 10 writes its config-dependency lockfile first) the last one that has `key` wins.
 * Syntax errors become LOCKFILE_PARSE with the line and column the parser stopped at.
 * `failsafe` reads every scalar as a string, as yarn berry does (`wrappy: 1` is the range "1").
 * The YAML library is loaded only for files the fast parser declines (it is most of a reader's start-up).
 */
export async function parseYamlLockfile(
  text: string,
  file: string,
  hint: string,
  key: string,
  schema: "core" | "failsafe" = "core",
): Promise<YamlLockfile> {
  const fast = parseYamlFast(text, schema);
  if (fast) return { data: fast.data, lineOf: (section, k) => fast.lines.get(section)?.get(k) };
  const { isMap, isScalar, LineCounter, parseAllDocuments } = await import("yaml");
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter, prettyErrors: true, uniqueKeys: true, schema });
  } catch (cause) {
    throw parseError(file, hint, cause instanceof Error ? cause.message : String(cause));
  }
  if (!Array.isArray(docs)) throw parseError(file, hint, "it is not a YAML document stream");
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const pos = error.linePos?.[0];
      throw parseError(
        file,
        hint,
        (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, ""),
        pos?.line,
        pos?.col,
      );
    }
  }
  const chosen = [...docs].reverse().find((d) => isMap(d.contents) && d.contents.has(key)) ?? docs[docs.length - 1];
  let data: Record<string, unknown> | undefined;
  try {
    data = asRecord(chosen?.toJS({ maxAliasCount: 100 }));
  } catch (cause) {
    throw parseError(file, hint, cause instanceof Error ? cause.message : String(cause));
  }
  if (!data) {
    throw new InventoryError("LOCKFILE_INVALID", `${file} is not a YAML mapping`, {
      location: { file, line: 1, column: 1 },
      hint,
    });
  }
  const lines = new Map<string, Map<string, number>>();
  const contents = chosen?.contents;
  if (isMap(contents)) {
    const top = new Map<string, number>();
    lines.set("", top);
    for (const pair of contents.items) {
      const k = pair.key;
      const start = isScalar(k) ? k.range?.[0] : undefined;
      if (isScalar(k) && start !== undefined) top.set(String(k.value), lineCounter.linePos(start).line);
      if (!isScalar(pair.key) || !isMap(pair.value)) continue;
      const section = new Map<string, number>();
      for (const item of pair.value.items) {
        const k = item.key;
        const start = isScalar(k) ? k.range?.[0] : undefined;
        if (isScalar(k) && start !== undefined) section.set(String(k.value), lineCounter.linePos(start).line);
      }
      lines.set(String(pair.key.value), section);
    }
  }
  return { data, lineOf: (section, k) => lines.get(section)?.get(k) };
}
