import { hasValidTokenChecksum } from "../rules/checksum.js";
import { shannonEntropy } from "./entropy.js";
import { placeholderReason } from "./placeholders.js";

/** What a validator sees: the secret, the regex groups around it, and the line before the match. */
export interface Candidate {
  secret: string;
  groups: Record<string, string | undefined>;
  /** Text from the start of the line to the match; undefined when the line start is too far back. */
  linePrefix: string | undefined;
}

/** Names of validators a rule may ask for in the rules file. */
export type ValidatorName = "github" | "npm" | "jwt" | "private-key" | "url-credentials" | "generic" | "generated";

const DEFAULT_PASSWORDS = new Set([
  "password",
  "passwd",
  "postgres",
  "root",
  "admin",
  "secret",
  "guest",
  "user",
  "test",
  "pass",
  "mysql",
  "redis",
  "changeme",
  "default",
  "example",
  "letmein",
  "qwerty",
  "sa",
  "123456",
]);

/** Names that contain a secret-like word but hold something else (authors, URLs, sizes, flags). */
const NOT_SECRET_NAME =
  /author|authority|tokeniz|passive|bypass|compass|passthrough|passenger|keyboard|secretary|(?:url|uri|endpoint|path|file|dir|id|type|name|length|len|count|size|field|header|param|prefix|suffix|env|mode|enabled|required|expires?|expiry|ttl|timeout|provider|method|scheme|policy|format|label|placeholder|hint)["']?$/i;

/** Tokens that are not credentials: pagination cursors, anti-forgery tokens, parser tokens. */
const EPHEMERAL_NAME =
  /(?:next|continuation|pagination|page|sync|cursor|csrf|xsrf|lexer|parser)[_-]?token|(?:last|used|date|time|created|updated)["']?$/i;

function jsonSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

function validJwt(token: string): boolean {
  const [header, payload] = token.split(".");
  const h = jsonSegment(header ?? "") as { alg?: unknown } | undefined;
  const p = jsonSegment(payload ?? "");
  return typeof h === "object" && h !== null && typeof h.alg === "string" && h.alg !== "none" && typeof p === "object";
}

function validPrivateKey(block: string): boolean {
  const inner = block.replace(/^-----[^-\n]+-----/, "").replace(/-----[^-\n]+-----$/, "");
  if (inner.includes("${") || inner.includes("{{")) return false;
  // Drop armour headers, escaped newlines and the quotes/pluses of a key split into string literals.
  const body = inner
    .replace(/^[A-Za-z-]+: .*$/gm, "")
    .replace(/\\[nr]/g, "")
    .replace(/["'`]\s*\+\s*["'`]/g, "")
    .replace(/[\s"'`,]/g, "");
  if (body.length < 64) return false;
  let base64 = 0;
  for (let i = 0; i < body.length; i++) if (/[A-Za-z0-9+/=]/.test(body[i] as string)) base64++;
  return base64 / body.length >= 0.97 && shannonEntropy(body) > 4.5;
}

/** Words that mark a value as a sample or a name rather than a credential. */
const SAMPLE_WORDS = /token|secret|passw|example|sample|dummy|placeholder|changeme|redacted|undefined|function/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when a value has the character mix of a generated secret rather than a word, identifier, reference or code. */
export function looksGenerated(value: string): boolean {
  if (value.length < 8) return false;
  if (!/^[A-Za-z0-9]/.test(value)) return false; // code (`+x`, `[a]`, `?:`), references (`$X`, `@x`), paths
  if (/^(?:sha1|sha256|sha384|sha512|md5)[-:]/i.test(value)) return false; // digests, SRI integrity
  if (UUID.test(value)) return false; // identifiers
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) return false; // URIs, ARNs, URNs
  if ((value.match(/[(){}[\];]/g)?.length ?? 0) >= 2) return false; // code
  if (SAMPLE_WORDS.test(value)) return false;
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false; // config.secret, process.env.X
  if (/^\d+$/.test(value)) return false;
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return false; // dates and timestamps
  if (!/\d/.test(value)) {
    // Without digits only a long, mixed-case, high-entropy value that is not words glued together.
    if (value.length < 20 || !/[a-z]/.test(value) || !/[A-Z]/.test(value)) return false;
    if (/^(?:[A-Z]?[a-z]+|[A-Z]{2,}(?![a-z]))+$/.test(value.replace(/[_.-]/g, ""))) return false;
    return shannonEntropy(value) >= 4.0;
  }
  const classes =
    Number(/[a-z]/.test(value)) +
    Number(/[A-Z]/.test(value)) +
    Number(/\d/.test(value)) +
    Number(/[^\w.\-/]/.test(value));
  const entropy = shannonEntropy(value);
  if (/^[0-9a-f]+$/i.test(value)) return value.length >= 16 && entropy >= 3.0 && /[a-f]/i.test(value);
  if (classes < 2) return false;
  return value.length >= 16 ? entropy >= 3.5 : entropy >= 2.8 && classes >= 3;
}

/**
 * A value assigned to a secret-like name: the whole name (the identifier the keyword sits in) must
 * not name something else, an unquoted value must be the whole line (`.env`, properties, YAML), and
 * the value must look generated.
 */
function genericAssignment({ secret, groups, linePrefix }: Candidate): boolean {
  const prefix = linePrefix ?? "";
  const lead = /[A-Za-z0-9_.-]*$/.exec(prefix)?.[0] ?? "";
  // A keyword glued to a lower-case word before it (`bypass`, `compass`) is not the same word.
  if (/[a-z]$/.test(lead) && /^[a-z]/.test(groups.kw ?? "")) return false;
  const name = `${lead}${groups.kw ?? ""}${groups.rest ?? ""}`;
  if (NOT_SECRET_NAME.test(name) || EPHEMERAL_NAME.test(name)) return false;
  if (groups.unquoted !== undefined) {
    if (linePrefix === undefined) return false;
    if (!/^[ \t]*(?:export[ \t]+|-[ \t]+)?[A-Za-z0-9_.-]*$/.test(prefix)) return false;
  }
  return looksGenerated(secret);
}

/** Runs the named validator; true keeps the candidate. */
export function validate(name: ValidatorName | undefined, candidate: Candidate): boolean {
  const { secret, groups } = candidate;
  switch (name) {
    case undefined:
      return true;
    case "github":
    case "npm":
      return hasValidTokenChecksum(secret);
    case "jwt":
      return validJwt(secret);
    case "private-key":
      return validPrivateKey(secret);
    case "url-credentials": {
      const user = groups.user ?? "";
      if (secret === user || DEFAULT_PASSWORDS.has(secret.toLowerCase())) return false;
      if (secret.length < 16 && /1234|abcd|qwer/i.test(secret)) return false; // documentation samples (key_1234)
      if (placeholderReason(secret) || placeholderReason(user)) return false;
      return secret.length >= 6 && shannonEntropy(secret) >= 2.5;
    }
    case "generic":
      return genericAssignment(candidate);
    case "generated":
      return looksGenerated(secret);
  }
}
