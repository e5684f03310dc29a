import type { OsvRecord } from "../osv/schema.js";
import type { Severity } from "../osv/severity.js";

/** What an advisory is about: RustSec marks some as unmaintained, unsound or informational notices. */
export type AdvisoryKind = "vulnerability" | "unmaintained" | "unsound" | "informational";

/** An advisory as the audit reports it. */
export interface Advisory {
  id: string;
  aliases: string[];
  modified: string;
  summary: string;
  kind: AdvisoryKind;
  severity: Severity;
  /** The file (or URL) the record came from, for error messages. */
  source: string;
}

/** The kind of a record, from RustSec's `affected[].database_specific.informational`. */
export function kindOf(record: OsvRecord): AdvisoryKind {
  for (const a of record.affected ?? []) {
    const info = a.database_specific?.informational;
    if (info === "unmaintained" || info === "unsound") return info;
    if (typeof info === "string" && info !== "") return "informational";
  }
  return "vulnerability";
}
