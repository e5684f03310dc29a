import type { GraphBuilder } from "./graph-builder.js";
import type { Ecosystem, LockfileFormat } from "./model.js";

/** One lockfile handed to a reader. */
export interface LockfileInput {
  /** Absolute path on disk. */
  path: string;
  /** Path relative to the scanned directory with `/` separators; use it in locations and messages. */
  relativePath: string;
  /** The file's text (UTF-8, BOM removed). */
  text: string;
  /** Reads a file next to the lockfile (e.g. its manifest), or undefined when absent. */
  readSibling(name: string): Promise<string | undefined>;
}

/** What a reader returns when it deliberately leaves a file out (e.g. a package-lock.json beside an npm-shrinkwrap.json). */
export interface ReadOutcome {
  skipped: true;
  reason: string;
}

/** Turns one lockfile format into components and edges on a GraphBuilder. */
export interface LockfileReader {
  format: LockfileFormat;
  ecosystem: Ecosystem;
  /**
   * True when this reader handles the file. Without `head` it answers whether the name
   * could be its format (discovery); with `head` (the first 4 KiB) it decides between
   * formats sharing a file name (yarn classic vs berry).
   */
  matches(basename: string, head?: string): boolean;
  /**
   * Reads the lockfile into the builder: one project root component (role `root`,
   * named from the manifest beside it when there is one), its workspaces, every package
   * and every edge. Throws InventoryError (with file and line) on malformed input.
   * Returns `{ skipped }` when the file is deliberately not read (it then adds nothing).
   */
  read(input: LockfileInput, graph: GraphBuilder): Promise<ReadOutcome | undefined> | Promise<void>;
}
