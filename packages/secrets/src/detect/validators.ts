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
export type ValidatorName = "github" | "npm" | "jwt" | "private-key" | "url-credentials" | "generic";

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

/** True when a value has the character mix of a generated secret rather than a word or identifier. */
export function looksGenerated(value: string): boolean {
  if (value.length < 8) return false;
  if (/^(?:sha1|sha256|sha384|sha512|md5)[-:]/i.test(value)) return false; // digests, SRI integrity
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(value)) return false; // config.secret, process.env.X
  if (/^(?:true|false|null|undefined|none|nil)$/i.test(value)) return false;
  if (/^[?!&|=:<>(]/.test(value)) return false; // code, not a value
  if (/^[A-Z]?[a-z]+(?:[A-Z][a-z]+)+$/.test(value) || /^[A-Z]?[a-z]+(?:[_-][a-z]+)*$/i.test(value)) return false;
  if (/^\d+$/.test(value) || /^[./\\~]/.test(value) || /^https?:/.test(value)) return false;
  const classes =
    Number(/[a-z]/.test(value)) +
    Number(/[A-Z]/.test(value)) +
    Number(/\d/.test(value)) +
    Number(/[^\w.\-/]/.test(value));
  const entropy = shannonEntropy(value);
  if (/^[0-9a-f]+$/i.test(value))
    return value.length >= 16 && entropy >= 3.0 && /\d/.test(value) && /[a-f]/i.test(value);
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
  if (/^[a-z0-9]/i.test(lead) && /[a-z0-9]$/i.test(lead) && /^[a-z]/.test(groups.kw ?? "")) {
    // keyword glued to a lower-case word before it (e.g. `bypass`, `compass`): not the same word
    if (!/[_.-]$/.test(lead) && /[a-z]$/.test(lead)) return false;
  }
  const name = `${lead}${groups.kw ?? ""}${groups.rest ?? ""}`;
  if (NOT_SECRET_NAME.test(name)) return false;
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
      if (placeholderReason(secret) || placeholderReason(user)) return false;
      return secret.length >= 6 && shannonEntropy(secret) >= 2.5;
    }
    case "generic":
      return genericAssignment(candidate);
  }
}
