import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { PolicyError, type PolicyIssue } from "../errors.js";
import { mapDenyToml } from "./deny-toml.js";
import { keyPath, locate } from "./locate.js";
import { type Policy, policyFileSchema, toPolicy } from "./schema.js";
import { keysAt, nearestKey } from "./suggest.js";

/** The names a policy file is looked for under, in order. */
export const POLICY_FILE_NAMES = ["tollgate.yml", "tollgate.yaml", ".github/tollgate.yml"] as const;

/** A loaded policy and where it came from. */
export interface LoadedPolicy {
  policy: Policy;
  /** The policy file, relative to `cwd` when inside it; absent when the defaults apply. */
  file?: string;
  /** SHA-256 (hex) of the file's bytes, for the gate record. */
  sha256?: string;
  /** What kind of file the policy was read from. */
  format?: "tollgate" | "cargo-deny";
  /** deny.toml keys that Tollgate does not apply (only for `cargo-deny`). */
  unmapped?: string[];
}

/** Options of `loadPolicy`. */
export interface LoadPolicyOptions {
  /** Directory relative paths are resolved against and policy files are searched in. */
  cwd: string;
}

/** Finds the policy file of a project (`tollgate.yml`, `tollgate.yaml`, `.github/tollgate.yml`); more than one is an error. */
export function findPolicyFile(cwd: string): string | undefined {
  const present = POLICY_FILE_NAMES.filter((name) => existsSync(resolve(cwd, name)));
  if (present.length > 1) {
    throw new PolicyError("POLICY_AMBIGUOUS", `found more than one policy file: ${present.join(", ")}`, {
      location: { file: present[0] as string },
      hint: "keep one policy file and delete the others, or pass --policy FILE",
    });
  }
  return present[0] === undefined ? undefined : resolve(cwd, present[0]);
}

function display(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel) ? rel.split("\\").join("/") : file;
}

type Locator = (path: readonly PropertyKey[]) => { line: number; column: number } | undefined;

function toIssues(error: z.ZodError, locator: Locator): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  for (const issue of error.issues) {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
    for (const unknown of keys) {
      const path = unknown === undefined ? issue.path : [...issue.path, unknown];
      const where = locator(path);
      let message = issue.message;
      if (unknown !== undefined) {
        const valid = keysAt(policyFileSchema, issue.path);
        const near = nearestKey(unknown, valid);
        message = near
          ? `unknown key \`${unknown}\`; did you mean \`${near}\`?`
          : `unknown key \`${unknown}\`; valid keys here: ${valid.join(", ")}`;
      }
      issues.push({ key: keyPath(path), message, ...(where ? { line: where.line, column: where.column } : {}) });
    }
  }
  return issues.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** Parses and validates the text of a policy file; `file` is used in error messages. */
export function parsePolicy(text: string, file: string): Policy {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) {
    const pos = lines.linePos(syntax.pos[0]);
    throw new PolicyError("POLICY_SYNTAX", `${file} is not valid YAML: ${syntax.message.split("\n")[0]}`, {
      location: { file, line: pos.line, column: pos.col },
      hint: "fix the YAML syntax at that line",
    });
  }
  return validatePolicy(doc.toJS({ maxAliasCount: 100 }), file, (path) => locate(doc, lines, path));
}

/** Validates a policy document (already parsed from YAML or mapped from deny.toml); `locator` finds lines. */
export function validatePolicy(value: unknown, file: string, locator: Locator = () => undefined): Policy {
  const result = policyFileSchema.safeParse(value);
  if (result.success) return toPolicy(result.data);
  const issues = toIssues(result.error, locator);
  const first = issues[0] as PolicyIssue;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  const error = new PolicyError("POLICY_INVALID", `${first.key}: ${first.message}${more}`, {
    location: { file, ...(first.line !== undefined ? { line: first.line, column: first.column } : {}) },
    hint: "fix the policy file; schema/tollgate.schema.json describes every key",
  });
  error.issues = issues;
  throw error;
}

/** The policy that applies when a project has no policy file: every default, high-assurance mode. */
export function defaultPolicy(): Policy {
  return toPolicy(policyFileSchema.parse({ version: 1 }));
}

/**
 * Loads the policy: `file` when given (relative to `cwd`), else the project's policy
 * file, else its cargo-deny `deny.toml`, else the defaults. Rejects a bad file before anything runs.
 */
export async function loadPolicy(file: string | undefined, options: LoadPolicyOptions): Promise<LoadedPolicy> {
  const path = file === undefined ? findPolicyFile(options.cwd) : resolve(options.cwd, file);
  if (path === undefined) {
    const denyToml = resolve(options.cwd, "deny.toml");
    return existsSync(denyToml) ? loadDenyToml(denyToml, options.cwd) : { policy: defaultPolicy() };
  }
  if (path.endsWith(".toml")) return loadDenyToml(path, options.cwd);
  const shown = display(path, options.cwd);
  const bytes = await readPolicyBytes(path, shown);
  const policy = parsePolicy(bytes.toString("utf8"), shown);
  return { policy, file: shown, sha256: sha256(bytes), format: "tollgate" };
}

/** Reads a cargo-deny `deny.toml` as the policy (when a project has no tollgate policy). */
async function loadDenyToml(path: string, cwd: string): Promise<LoadedPolicy> {
  const shown = display(path, cwd);
  const bytes = await readPolicyBytes(path, shown);
  const mapping = mapDenyToml(bytes.toString("utf8"), shown);
  const policy = validatePolicy(mapping.document, shown);
  return { policy, file: shown, sha256: sha256(bytes), format: "cargo-deny", unmapped: mapping.unmapped };
}

function sha256(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function readPolicyBytes(path: string, shown: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === "ENOENT";
    throw new PolicyError(missing ? "POLICY_NOT_FOUND" : "POLICY_UNREADABLE", `cannot read policy file ${shown}`, {
      location: { file: shown },
      hint: missing ? "check the path given with --policy" : "check the file's permissions",
      cause,
    });
  }
}
