import { createHash } from "node:crypto";

/** The SPDX id of the package standing for the graph root. */
export const ROOT_SPDX_ID = "SPDXRef-Root";

function sanitize(text: string): string {
  return text
    .replace(/[^A-Za-z0-9.-]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

function shortDigest(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex").slice(0, 12);
}

/** A readable, unique and stable SPDX id for a component id: `SPDXRef-Package-<name>-<version>-<digest>`. */
export function packageSpdxId(name: string, version: string, id: string): string {
  return `SPDXRef-Package-${sanitize(name)}-${sanitize(version)}-${shortDigest(id)}`.replace(/-{2,}/g, "-");
}

/** A `LicenseRef-` id for a free-text license, stable for the same text. */
export function licenseRefId(text: string): string {
  return `LicenseRef-${sanitize(text).slice(0, 40) || "license"}-${shortDigest(text)}`.replace(/-{2,}/g, "-");
}

/** Makes an annotation comment from name/value pairs, one `name=value` per line (backslash escapes). */
export function pairsToComment(pairs: Array<[string, string]>): string {
  const escapeValue = (v: string) => v.replaceAll("\\", "\\\\").replaceAll("\n", "\\n");
  return pairs.map(([k, v]) => `${escapeValue(k)}=${escapeValue(v)}`).join("\n");
}

/** Reads back pairsToComment; lines without `=` are ignored. */
export function commentToPairs(comment: string): Array<[string, string]> {
  const unescapeValue = (v: string) => v.replace(/\\(\\|n)/g, (_, c: string) => (c === "n" ? "\n" : "\\"));
  const pairs: Array<[string, string]> = [];
  for (const line of comment.split("\n")) {
    const at = line.indexOf("=");
    if (at > 0) pairs.push([unescapeValue(line.slice(0, at)), unescapeValue(line.slice(at + 1))]);
  }
  return pairs;
}
