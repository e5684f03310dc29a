import type { Text } from "./text.js";

/** An encoded run found in text and what it decodes to. */
export interface DecodedRun {
  start: number;
  end: number;
  encoding: "base64" | "hex" | "percent";
  text: string;
}

const DIGEST_PREFIX = /(?:sha1|sha256|sha384|sha512|md5)[-:]$/i;

/** True when at least 95% of the bytes are printable ASCII or common whitespace. */
export function isPrintable(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  let printable = 0;
  for (const b of bytes) if ((b >= 0x20 && b < 0x7f) || b === 9 || b === 10 || b === 13) printable++;
  return printable >= bytes.length * 0.95;
}

function percentDecode(run: string): Uint8Array | undefined {
  const escapes = run.match(/%[0-9A-Fa-f]{2}/g)?.length ?? 0;
  if (escapes < 3) return undefined;
  return Buffer.from(
    run.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
    "latin1",
  );
}

function decodeRun(run: string): [DecodedRun["encoding"], Uint8Array] | undefined {
  if (run.includes("%")) {
    const bytes = percentDecode(run);
    return bytes ? ["percent", bytes] : undefined;
  }
  if (/^[0-9a-fA-F]+$/.test(run)) {
    return run.length >= 32 && run.length % 2 === 0 ? ["hex", Buffer.from(run, "hex")] : undefined;
  }
  // Standard and URL-safe alphabets do not mix in one encoded value.
  if (/[+/]/.test(run) && /[-_]/.test(run)) return undefined;
  if (!/\d/.test(run) && !/[+/=]/.test(run)) return undefined; // an identifier, not encoded data
  return ["base64", Buffer.from(run, "base64")];
}

/**
 * Decodes the base64, hex and percent-encoded runs (found by the keyword pass) whose decoded bytes are text.
 * Runs that are digests (`sha512-…` integrity, `sha256:` image digests) or the
 * payload of a `data:…;base64,` URI are content of a known kind and are left alone;
 * runs that decode to binary (images, hashes) are not text and are skipped too.
 */
export function decodedRuns(text: Text, runs: number[]): DecodedRun[] {
  const out: DecodedRun[] = [];
  for (let r = 0; r < runs.length; r += 2) {
    const start = runs[r] as number;
    let end = runs[r + 1] as number;
    while (end < text.length && end - (runs[r + 1] as number) < 2 && text.charCodeAt(end) === 61) end++; // "=" padding
    const before = text.slice(Math.max(0, start - 8), start);
    if (DIGEST_PREFIX.test(before) || before.endsWith("base64,")) continue;
    const run = text.slice(start, end);
    const decoded = decodeRun(run);
    if (!decoded || decoded[1].length < 12 || !isPrintable(decoded[1])) continue;
    out.push({ start, end, encoding: decoded[0], text: Buffer.from(decoded[1]).toString("latin1") });
  }
  return out;
}
