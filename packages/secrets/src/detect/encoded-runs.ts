/** Bytes of the base64 (standard and URL-safe), hex and percent-encoding alphabets. */
export const ENCODED = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_%-") ENCODED[c.charCodeAt(0)] = 1;

/**
 * The runs of encoded alphabet (ENCODED) at least `minRun` bytes long in bytes[0, n), as start,
 * end pairs. A run that long after the last byte known to be outside the alphabet must cover the
 * byte `minRun` further on, so that byte is probed first; when it is inside the alphabet, the
 * bytes before it are scanned back to the nearest outside byte. On source code a probe lands on
 * an outside byte, or finds one a byte or two back, so about one byte in ten is read.
 */
export function encodedRuns(bytes: Uint8Array, n: number, minRun: number): number[] {
  const runs: number[] = [];
  let last = -1; // a position known to be outside the alphabet (or before the start)
  const step = Math.max(1, minRun);
  for (let q = last + step; q < n; q = last + step) {
    if (ENCODED[bytes[q] as number] === 0) {
      last = q;
      continue;
    }
    let r = q - 1;
    while (r > last && ENCODED[bytes[r] as number] === 1) r--;
    if (r > last) {
      last = r;
      continue;
    }
    let end = q + 1;
    while (end < n && ENCODED[bytes[end] as number] === 1) end++;
    runs.push(last + 1, end);
    last = end;
  }
  return runs;
}
