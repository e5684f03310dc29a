import { InventoryError } from "../../errors.js";

/** One directive line of a go.mod: its verb, arguments, trailing comment, and 1-based line. */
export interface GoModLine {
  verb: string;
  args: string[];
  comment: string;
  line: number;
  /** 1-based column where the directive's text starts. */
  column: number;
}

const VERBS = new Set([
  "module",
  "go",
  "toolchain",
  "godebug",
  "require",
  "replace",
  "exclude",
  "retract",
  "tool",
  "ignore",
]);

const HINT = "fix go.mod (`go mod tidy` reports the same error) and run again";

/** Splits one line into tokens (bare words, "quoted" and `raw` strings) and its `//` comment. */
function tokenize(text: string, file: string, line: number): { tokens: string[]; comment: string } {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c ?? "")) i++;
    else if (text.startsWith("//", i)) return { tokens, comment: text.slice(i + 2).trim() };
    else if (c === '"' || c === "`") {
      let end = i + 1;
      while (end < text.length && text[end] !== c) end += c === '"' && text[end] === "\\" ? 2 : 1;
      if (end >= text.length) {
        throw new InventoryError("LOCKFILE_PARSE", `${file}: unterminated string`, {
          location: { file, line, column: i + 1 },
          hint: HINT,
        });
      }
      const raw = text.slice(i + 1, end);
      tokens.push(c === '"' ? raw.replace(/\\(.)/g, "$1") : raw);
      i = end + 1;
    } else {
      let end = i;
      while (end < text.length && !/[\s"`]/.test(text[end] ?? "") && !text.startsWith("//", end)) end++;
      tokens.push(text.slice(i, end));
      i = end;
    }
  }
  return { tokens, comment: "" };
}

/**
 * Parses go.mod into directive lines, expanding `verb ( … )` blocks; an unknown
 * directive or an unclosed block is LOCKFILE_PARSE naming line and column.
 */
export function parseGoMod(text: string, file: string): GoModLine[] {
  const out: GoModLine[] = [];
  let block: { verb: string; line: number } | undefined;
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = index + 1;
    const raw = lines[index] ?? "";
    const { tokens, comment } = tokenize(raw, file, line);
    if (tokens.length === 0) continue;
    if (block) {
      if (tokens[0] === ")" && tokens.length === 1) block = undefined;
      else out.push({ verb: block.verb, args: tokens, comment, line, column: raw.search(/\S/) + 1 });
      continue;
    }
    const [verb = "", ...args] = tokens;
    if (!VERBS.has(verb)) {
      throw new InventoryError("LOCKFILE_PARSE", `${file}: unknown directive ${JSON.stringify(verb)}`, {
        location: { file, line, column: raw.indexOf(verb) + 1 },
        hint: `expected one of ${[...VERBS].join(", ")}; ${HINT}`,
      });
    }
    if (args.length === 1 && args[0] === "(") block = { verb, line };
    else out.push({ verb, args, comment, line, column: raw.search(/\S/) + 1 });
  }
  if (block) {
    throw new InventoryError("LOCKFILE_PARSE", `${file}: the ${block.verb} block opened here is never closed`, {
      location: { file, line: block.line },
      hint: `add the closing ")"; ${HINT}`,
    });
  }
  return out;
}

/** The `h1:` hash of each module zip in go.sum, by `path@version` (go.mod-only lines left out). */
export function parseGoSum(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split("\n")) {
    const [path, version, hash] = line.trim().split(/\s+/);
    if (!path || !version || !hash || version.endsWith("/go.mod") || !hash.startsWith("h1:")) continue;
    sums.set(`${path}@${version}`, hash);
  }
  return sums;
}
