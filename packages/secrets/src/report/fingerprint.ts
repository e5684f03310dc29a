import { createHash } from "node:crypto";

/**
 * A stable identity of a finding for baselines and SARIF: SHA-256 over rule,
 * secret, file and line. The secret only goes into the digest, never out.
 */
export function fingerprint(rule: string, secret: string, file: string, line: number): string {
  return createHash("sha256").update(`${rule}\u0000${secret}\u0000${file}\u0000${line}`).digest("hex").slice(0, 32);
}
