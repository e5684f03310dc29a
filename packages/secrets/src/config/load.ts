import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { SecretsError } from "../errors.js";
import { defaultSecretsConfig, type SecretsConfig, secretsConfigSchema } from "./schema.js";

/** Validates a parsed `secrets:` section; errors name the file, line and key. */
export function parseSecretsConfig(value: unknown, file = "policy"): SecretsConfig {
  const parsed = secretsConfigSchema.safeParse(value ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  throw new SecretsError("SECRETS_BAD_CONFIG", `invalid secrets.${issue.path.join(".")}: ${issue.message}`, {
    location: { file },
    hint: "fix the secrets: section of the policy file",
  });
}

/** Reads the `secrets:` section of a YAML policy file (other sections are left to their owners). */
export async function loadSecretsConfig(path: string): Promise<SecretsConfig> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new SecretsError("SECRETS_BAD_CONFIG", `cannot read policy ${path}`, {
      location: { file: path },
      cause: error,
      hint: "pass an existing policy file with --policy",
    });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const pos = error?.linePos?.[0];
    throw new SecretsError("SECRETS_BAD_CONFIG", `${path} is not valid YAML: ${error?.message.split("\n")[0]}`, {
      location: { file: path, ...(pos ? { line: pos.line, column: pos.col } : {}) },
      hint: "fix the YAML syntax",
    });
  }
  const section = doc.get("secrets", true);
  if (section === undefined) return defaultSecretsConfig();
  const parsed = secretsConfigSchema.safeParse(doc.toJS()?.secrets ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0] as z.core.$ZodIssue;
  // The deepest node that exists on the issue's path (a missing key points at its parent).
  const keyPath = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  let offset: number | undefined;
  for (let n = keyPath.length; n >= 0 && offset === undefined; n--) {
    const node = doc.getIn(["secrets", ...keyPath.slice(0, n)], true) as
      | { range?: [number, number, number] }
      | undefined;
    offset = node?.range?.[0];
  }
  const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
  throw new SecretsError("SECRETS_BAD_CONFIG", `invalid secrets.${issue.path.join(".")}: ${issue.message}`, {
    location: { file: path, ...(pos ? { line: pos.line, column: pos.col } : {}) },
    hint: "fix the secrets: section of the policy file",
  });
}
