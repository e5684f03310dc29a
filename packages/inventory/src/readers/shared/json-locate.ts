import { InventoryError } from "../../errors.js";
import { findJsonSyntaxError } from "./json-syntax.js";
import { pointAt, type TextPoint } from "./text-position.js";

/** A line (1-based) and column (1-based) in a text (the same type as text-position's). */
export type TextPosition = TextPoint;

/** The line and column of a character offset, counted in one pass up to it. */
export const positionAt: (text: string, offset: number) => TextPosition = pointAt;

/**
 * Parses a JSON lockfile; a syntax error becomes LOCKFILE_PARSE naming the line and
 * column where the parser stopped and what it expected.
 */
export function parseJsonLockfile(text: string, file: string, hint: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const found = findJsonSyntaxError(text) ?? { offset: text.length, expected: "valid JSON" };
    const { line, column } = positionAt(text, found.offset);
    throw new InventoryError(
      "LOCKFILE_PARSE",
      `${file} is not valid JSON: expected ${found.expected} at line ${line} column ${column}`,
      { location: { file, line, column }, hint, cause },
    );
  }
}

/** Called for each object key: `path` ends with the key (array levels appear as `[]`); do not keep it. */
export type KeyVisitor = (path: readonly string[], line: number) => void;

const QUOTE = 34;
const BACKSLASH = 92;
const NEWLINE = 10;

/** The offset of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let end = text.indexOf('"', start + 1);
  while (end !== -1) {
    let slashes = 0;
    for (let k = end - 1; text.charCodeAt(k) === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return text.length;
}

/**
 * Visits every object key of an already-validated JSON text with its path and line,
 * in one pass over the text (no quadratic line lookups). Keys deeper than `maxDepth`
 * are skipped without decoding.
 */
export function locateJsonKeys(text: string, visit: KeyVisitor, maxDepth = Number.POSITIVE_INFINITY): void {
  const path: string[] = [];
  const isObject: boolean[] = [];
  let line = 1;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) line++;
    else if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (expectKey) {
        if (path.length <= maxDepth) {
          const raw = text.slice(i + 1, end);
          path[path.length - 1] = raw.includes("\\") ? (JSON.parse(`"${raw}"`) as string) : raw;
          visit(path, line);
        }
        expectKey = false;
      }
      i = end;
    } else if (c === 123 /* { */) {
      path.push("");
      isObject.push(true);
      expectKey = true;
    } else if (c === 91 /* [ */) {
      path.push("[]");
      isObject.push(false);
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      path.pop();
      isObject.pop();
      expectKey = false;
    } else if (c === 44 /* , */) {
      expectKey = isObject[isObject.length - 1] === true;
    }
  }
}
