import { ByteText, sliceApart, type Text } from "./text.js";

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

/** Character classes of a run, by bit: what `kindOf` decides on. */
const PERCENT = 1;
const NOT_HEX = 2;
const PLUS_SLASH = 4;
const DASH_UNDERSCORE = 8;
const DIGIT = 16;
const EQUALS = 32;
const CLASS = Uint8Array.from({ length: 256 }, (_, c) => {
  const ch = String.fromCharCode(c);
  return (
    (/[0-9a-fA-F]/.test(ch) ? 0 : NOT_HEX) |
    (/\d/.test(ch) ? DIGIT : 0) |
    (ch === "%" ? PERCENT : 0) |
    (ch === "+" || ch === "/" ? PLUS_SLASH : 0) |
    (ch === "-" || ch === "_" ? DASH_UNDERSCORE : 0) |
    (ch === "=" ? EQUALS : 0)
  );
});

/**
 * How text[start, end) may be encoded, from one pass over its characters (no string is made):
 * percent-encoding when it has a `%`, hex when it is all hex digits (of even length, 32 or more),
 * else base64 unless it mixes the standard and URL-safe alphabets or looks like an identifier
 * (no digit, `+`, `/` or `=`).
 */
function kindOf(text: Text, start: number, end: number): DecodedRun["encoding"] | undefined {
  let seen = 0;
  if (text instanceof ByteText) {
    const bytes = text.bytes;
    for (let i = start; i < end; i++) seen |= CLASS[bytes[i] as number] as number;
  } else {
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      seen |= c < 256 ? (CLASS[c] as number) : NOT_HEX; // UTF-16 text: a character above 255 is none of them
    }
  }
  if (seen & PERCENT) return "percent";
  if ((seen & NOT_HEX) === 0) return end - start >= 32 && (end - start) % 2 === 0 ? "hex" : undefined;
  // Standard and URL-safe alphabets do not mix in one encoded value.
  if (seen & PLUS_SLASH && seen & DASH_UNDERSCORE) return undefined;
  if ((seen & (DIGIT | PLUS_SLASH | EQUALS)) === 0) return undefined; // an identifier, not encoded data
  return "base64";
}

function decodeRun(kind: DecodedRun["encoding"], run: string): Uint8Array | undefined {
  if (kind === "percent") return percentDecode(run);
  return Buffer.from(run, kind);
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
    const kind = kindOf(text, start, end);
    if (kind === undefined) continue;
    const before = sliceApart(text, Math.max(0, start - 8), start);
    if (DIGEST_PREFIX.test(before) || before.endsWith("base64,")) continue;
    const decoded = decodeRun(kind, sliceApart(text, start, end));
    if (!decoded || decoded.length < 12 || !isPrintable(decoded)) continue;
    out.push({ start, end, encoding: kind, text: Buffer.from(decoded).toString("latin1") });
  }
  return out;
}
