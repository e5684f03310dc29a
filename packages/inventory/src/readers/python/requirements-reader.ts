import type { GraphBuilder } from "../../graph-builder.js";
import type { Hash, HashAlgorithm } from "../../model.js";
import type { LockfileInput, LockfileReader } from "../../reader.js";
import { addProjectRoot } from "../shared/text-root.js";
import { normalizePyName } from "./pep508.js";
import { parsePinned, requirementLines, type Via } from "./requirements-parse.js";

const ALGORITHMS: Record<string, { alg: HashAlgorithm; length: number }> = {
  sha256: { alg: "SHA-256", length: 64 },
  sha384: { alg: "SHA-384", length: 96 },
  sha512: { alg: "SHA-512", length: 128 },
};

/** Options that only steer pip (indexes, binaries, hash checking) and add no package. */
const PIP_OPTIONS =
  /^(-i|--index-url|--extra-index-url|--no-index|-f|--find-links|--trusted-host|--no-binary|--only-binary|--prefer-binary|--pre|--require-hashes|--use-feature|--config-settings)\b/;

/**
 * Reads requirements*.txt: pinned `name==version` lines with their `--hash`es. Unpinned
 * lines, editables and `-r`/`-c` includes are warnings naming file and line, never guessed
 * or followed. pip-compile's `# via` annotations give the edges; without them the root
 * has an edge to every requirement.
 */
export const requirementsReader: LockfileReader = {
  format: "requirements-txt",
  ecosystem: "PyPI",
  matches: (basename) => /^requirements.*\.txt$/i.test(basename),
  async read(input: LockfileInput, graph: GraphBuilder): Promise<void> {
    const vias = new Map<number, Via>();
    const lines = requirementLines(input.text, (line, via) => vias.set(line, via));
    const rootId = addProjectRoot(graph, input, "PyPI", undefined, undefined);
    const byName = new Map<string, string>();
    const added: Array<{ id: string; line: number }> = [];
    const warn = (line: number, code: string, message: string) =>
      graph.warn({
        code,
        message,
        location: { file: input.relativePath, line },
      });
    for (const { text, line } of lines) {
      if (/^(-r|--requirement|-c|--constraint)\b/.test(text)) {
        warn(
          line,
          "REQUIREMENTS_INCLUDE",
          `${text} is not followed; list that file to Tollgate on its own if it pins packages`,
        );
        continue;
      }
      if (/^(-e|--editable)\b/.test(text)) {
        warn(line, "PYTHON_UNPINNED", `editable requirement "${text}" pins no version; it is left out`);
        continue;
      }
      if (text.startsWith("-")) {
        if (!PIP_OPTIONS.test(text)) warn(line, "REQUIREMENTS_OPTION", `unknown option "${text}" is ignored`);
        continue;
      }
      const pinned = parsePinned(text);
      if (!pinned) {
        warn(
          line,
          "PYTHON_UNPINNED",
          `"${text.replace(/\s--hash\S*/g, "")}" pins no exact version (==); it is left out, pin it with pip-compile or uv`,
        );
        continue;
      }
      const hashes: Hash[] = [];
      for (const { alg, hex } of pinned.hashes) {
        const known = ALGORITHMS[alg];
        if (known && hex.length === known.length && !hashes.some((h) => h.content === hex)) {
          hashes.push({ alg: known.alg, content: hex });
        }
      }
      const name = normalizePyName(pinned.name);
      const id = graph.addComponent({
        ecosystem: "PyPI",
        name,
        version: pinned.version,
        hashes,
        location: { file: input.relativePath, line },
      });
      byName.set(name, id);
      added.push({ id, line });
    }
    for (const { id, line } of added) {
      const via = vias.get(line);
      let linked = false;
      for (const parent of via?.parents ?? []) {
        const from = byName.get(normalizePyName(parent));
        if (from === undefined) continue;
        graph.addEdge(from, id, "prod");
        linked = true;
      }
      if (!via || via.fromInput || !linked) graph.addEdge(rootId, id, "prod");
    }
  },
};
