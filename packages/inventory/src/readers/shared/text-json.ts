import { InventoryError } from "../../errors.js";
import { findJsonSyntaxError } from "./json-syntax.js";
import { pointAt } from "./text-position.js";
import { recordOf } from "./text-values.js";

/**
 * Parses a JSON lockfile whose top level must be an object; a syntax error becomes
 * LOCKFILE_PARSE naming the line and column where the parser stopped and what it expected.
 */
export function parseJsonObject(text: string, file: string, hint: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    // V8 leaves the position out of some messages, so a small checker finds the place and the expectation.
    const found = findJsonSyntaxError(text);
    const message = cause instanceof Error ? cause.message : String(cause);
    const at = /at position (\d+)/.exec(message);
    const offset = found?.offset ?? (at?.[1] !== undefined ? Number(at[1]) : text.length);
    const { line, column } = pointAt(text, offset);
    const what = found ? `expected ${found.expected}` : message.replace(/\s*(in JSON )?at position \d+.*$/s, "");
    throw new InventoryError("LOCKFILE_PARSE", `${file} is not valid JSON: ${what}`, {
      location: { file, line, column },
      hint,
      cause,
    });
  }
  const record = recordOf(value);
  if (!record) {
    throw new InventoryError("LOCKFILE_INVALID", `${file} must hold a JSON object at the top level`, {
      location: { file, line: 1, column: 1 },
      hint,
    });
  }
  return record;
}
