/**
 * Inline allow markers on the line of a finding: Tollgate's own
 * `tollgate:allow <reason>` (a reason is required) and the markers of tools
 * users migrate from (`gitleaks:allow`, `secretlint-disable-line`,
 * `pragma: allowlist secret` from detect-secrets).
 */
const MARKER =
  /tollgate:allow[ \t]+([^\r\n]*[^\s*/#-][^\r\n]*)|(gitleaks:allow|secretlint-disable-line|pragma:[ \t]*allowlist[ -]secret)([^\r\n]*)/;

/** The reason an inline marker on `line` gives, or undefined when there is no valid marker. */
export function inlineAllowReason(line: string): string | undefined {
  const m = MARKER.exec(line);
  if (!m) return undefined;
  if (m[1] !== undefined) return m[1].trim().replace(/\s*(?:\*\/|-->)\s*$/, "");
  const rest = (m[3] ?? "")
    .replace(/^[\s:-]+/, "")
    .replace(/\s*(?:\*\/|-->)\s*$/, "")
    .trim();
  return rest.length > 0 ? `${m[2]}: ${rest}` : (m[2] as string);
}
