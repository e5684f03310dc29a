/**
 * Recognises values that look like credentials but are documentation,
 * templates or identifiers. Each check describes what the content *is*
 * (a template reference, a documented example key, a run of filler), so the
 * scanner stays silent for the right reason instead of skipping files.
 */

const TEMPLATE =
  /\$\{[^}]*\}?|\{\{[^}]*\}?\}?|<[A-Za-z_][\w -]*>|%\(?[A-Za-z_]*\)?s|\$[A-Z_][A-Z0-9_]{2,}|\[[A-Z_ ]+\]/;
const PLACEHOLDER_WORDS =
  /example|placeholder|your[_-]?(?:api|access|secret|token|key|pass)|changeme|dummy|sample|redacted|insert[_-]?|replace[_-]?me|fake[_-]?(?:key|token|secret)|not[_-]?a[_-]?(?:real|secret)|lorem|foobar/i;
/** The access key pair AWS uses throughout its documentation. */
const DOCUMENTED_KEYS = new Set([
  "AKIAIOSFODNN7EXAMPLE",
  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "AKIAI44QH8DHBEXAMPLE",
]);

const FILLERS = new Set([..."xX0*.#-_•"].map((c) => c.charCodeAt(0)));

/** True when `value` contains a run of `n` or more identical filler characters (xxxx…, 0000…, ****…). */
function hasFillerRun(value: string, n: number): boolean {
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    const c = value.charCodeAt(i);
    run = c === value.charCodeAt(i - 1) && FILLERS.has(c) ? run + 1 : 1;
    if (run >= n) return true;
  }
  return false;
}

/** True for an ascending or descending alphabet/digit walk (abcdef…, 123456…, 987654…). */
function isSequence(value: string): boolean {
  if (value.length < 6) return false;
  let up = 0;
  let down = 0;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
    if (d === 1) up++;
    else if (d === -1) down++;
  }
  return up >= (value.length - 1) * 0.7 || down >= (value.length - 1) * 0.7;
}

/** Why a candidate secret is a placeholder, or undefined when it looks real. */
export function placeholderReason(secret: string): string | undefined {
  if (DOCUMENTED_KEYS.has(secret)) return "documented example key";
  if (TEMPLATE.test(secret)) return "template reference";
  if (PLACEHOLDER_WORDS.test(secret)) return "placeholder word";
  if (hasFillerRun(secret, secret.length >= 24 ? 6 : 5)) return "filler run";
  if (isSequence(secret.replace(/^[a-z]+[_-]/i, ""))) return "character sequence";
  return undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DIGEST = /^(?:sha1|sha256|sha384|sha512|md5)[-:]/i;

/**
 * True when a value is an identifier or digest rather than a credential: UUIDs,
 * `sha256:`/`sha512-` digests (image digests, SRI integrity), git object ids.
 */
export function isIdentifierOrDigest(value: string): boolean {
  if (UUID.test(value)) return true;
  if (DIGEST.test(value)) return true;
  if (/^[0-9a-f]{40}$/.test(value) || /^[0-9a-f]{64}$/.test(value)) return true;
  return false;
}
