import { isTollgateError } from "@tollgate/errors";
import { AdvisoryError } from "../errors.js";
import type { AdvisoryIndex } from "../match/advisory-index.js";
import { parseOsvRecord } from "../osv/schema.js";

/** Parses and validates one OSV JSON text into the index; a malformed record is recorded, not thrown. */
export function addRecordText(index: AdvisoryIndex, text: string, file: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    index.malformed.push({ id: "(unreadable)", file, message: `not valid JSON: ${(cause as Error).message}` });
    return;
  }
  try {
    index.add(parseOsvRecord(value, file), file);
  } catch (error) {
    if (!isTollgateError(error) || !(error instanceof AdvisoryError)) throw error;
    const id = typeof (value as { id?: unknown })?.id === "string" ? (value as { id: string }).id : "(no id)";
    index.malformed.push({ id, file, message: error.message });
  }
}
