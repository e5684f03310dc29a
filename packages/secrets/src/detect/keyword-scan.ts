// The hot loops of the keyword filter (keywords.ts): which 4-byte steps of the input need a closer look.

/** Bits of the hash of a 4-byte window: a 256 KB bitmap, which stays in the second-level cache. */
export const HASH_BITS = 21;
const HASH_SHIFT = 32 - HASH_BITS;
const MULTIPLIER = 0x9e3779b1;
/** Every byte of a hashed window is OR-ed with this: ASCII upper case lands on lower case. */
export const LOOSE = 0x20202020;

/** The bitmap index of a (loosened) 4-byte window. */
export function hashWindow(w: number): number {
  return Math.imul(w, MULTIPLIER) >>> HASH_SHIFT;
}

/** A second hash of a window (another multiplier): the WebAssembly loop checks a second bitmap with it. */
export function hashWindow2(w: number): number {
  return Math.imul(w, 0x85ebca6b) >>> HASH_SHIFT;
}

/** The 32-bit window of four loosened bytes as the scan reads it (first byte in the low bits). */
export function windowOf(a: number, b: number, c: number, d: number): number {
  return (a | (b << 8) | (c << 16) | (d << 24) | LOOSE) >>> 0;
}

/** Adds `key` to the sorted `list`: hits arrive nearly in order (a keyword's length out at most). */
export function insertSorted(list: number[], key: number): void {
  let i = list.length;
  list.push(key);
  for (; i > 0 && (list[i - 1] as number) > key; i--) list[i] = list[i - 1] as number;
  list[i] = key;
}

/**
 * The steps (4-byte words) from `from` that need a closer look, into `out`, until it is full: a
 * window at offset 0 or 2 of the step is in the bitmap, or a pair at offset 0-3 is a keyword.
 */
export function candidateSteps(
  words: Uint32Array,
  from: number,
  steps: number,
  bits: Int32Array,
  pairs: Uint8Array,
  out: Int32Array,
): number {
  let k = 0;
  let q = (words[from] as number) | LOOSE;
  for (let i = from; i < steps; i++) {
    const next = (words[i + 1] as number) | LOOSE;
    const mid = (q >>> 16) | (next << 16);
    const h1 = Math.imul(q, MULTIPLIER) >>> HASH_SHIFT;
    const h2 = Math.imul(mid, MULTIPLIER) >>> HASH_SHIFT;
    const flags =
      ((bits[h1 >> 5] as number) & (1 << h1)) |
      ((bits[h2 >> 5] as number) & (1 << h2)) |
      (pairs[q & 0xffff] as number) |
      (pairs[(q >>> 8) & 0xffff] as number) |
      (pairs[q >>> 16] as number) |
      (pairs[(mid >>> 8) & 0xffff] as number);
    if (flags !== 0) {
      out[k++] = i;
      if (k === out.length) return k;
    }
    q = next;
  }
  return k;
}

/** `candidateSteps` on a big-endian machine, reading bytes one by one. */
export function candidateStepsPortable(
  bytes: Uint8Array,
  from: number,
  steps: number,
  bits: Int32Array,
  pairs: Uint8Array,
  out: Int32Array,
): number {
  let k = 0;
  for (let i = from; i < steps; i++) {
    const p = i << 2;
    const b = (j: number): number => bytes[p + j] as number;
    const h1 = hashWindow(windowOf(b(0), b(1), b(2), b(3)));
    const h2 = hashWindow(windowOf(b(2), b(3), b(4), b(5)));
    let flags = ((bits[h1 >> 5] as number) & (1 << h1)) | ((bits[h2 >> 5] as number) & (1 << h2));
    for (let j = 0; j < 4; j++) flags |= pairs[(b(j) | (b(j + 1) << 8) | 0x2020) & 0xffff] as number;
    if (flags !== 0) {
      out[k++] = i;
      if (k === out.length) return k;
    }
  }
  return k;
}
