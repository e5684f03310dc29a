/**
 * What the detectors read: a JS string, or bytes taken as latin1 text (one byte, one character)
 * without turning the whole of them into a string. A string is one already.
 */
export type Text = Pick<string, "length" | "slice" | "charCodeAt" | "indexOf">;

/** Buffer's own latin1 slicer (what `toString("latin1", start, end)` ends in, without its argument checks). */
const latin1Slice: (this: Buffer, start: number, end: number) => string =
  (Buffer.prototype as unknown as { latin1Slice?: (start: number, end: number) => string }).latin1Slice ??
  function (this: Buffer, start: number, end: number): string {
    return this.toString("latin1", start, end);
  };

/**
 * Characters turned into a string at once. Strings this short live in the young generation of the
 * heap and die there; whole-file strings of large files went to the large-object space, whose
 * growth set off a full garbage collection every few dozen megabytes.
 */
const BLOCK = 64 * 1024;

/** An index as String.prototype.slice reads it: negative from the end, clamped to [0, length]. */
function clampIndex(index: number | undefined, length: number, fallback: number): number {
  if (index === undefined) return fallback;
  const i = Math.trunc(index) || 0;
  return i < 0 ? Math.max(length + i, 0) : Math.min(i, length);
}

/**
 * Bytes read as latin1 text. The keyword filter and the searches for single characters read the
 * bytes; a slice is cut from a string of the block around it (up to BLOCK characters, the whole
 * text when it is short), made when a slice first falls outside the last block. The matcher asks
 * for slices in order of position, so each byte is turned into a string about once.
 */
export class ByteText implements Text {
  readonly bytes: Buffer;
  readonly length: number;
  /** The characters [blockStart, blockStart + block.length) as a string. */
  private block = "";
  private blockStart = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.length = bytes.byteLength;
  }

  /** Characters [start, end) as a string (as String.prototype.slice). */
  slice(start?: number, end?: number): string {
    const n = this.length;
    const from = clampIndex(start, n, 0);
    const to = clampIndex(end, n, n);
    if (to <= from) return "";
    let offset = from - this.blockStart;
    if (offset < 0 || to - this.blockStart > this.block.length) {
      // A short text is made a string whole; a longer one from `from` on, a block (or the slice) long.
      // The block starts a little before the slice: the matcher's next slices start no more than
      // a line's look-back (256 characters) before this one.
      const whole = n <= BLOCK + BLOCK / 2;
      const blockStart = whole ? 0 : Math.max(0, from - 1024);
      const blockEnd = whole ? n : Math.min(n, Math.max(to, blockStart + BLOCK));
      this.block = latin1Slice.call(this.bytes, blockStart, blockEnd);
      this.blockStart = blockStart;
      offset = from - blockStart;
    }
    return this.block.slice(offset, offset + (to - from));
  }

  /**
   * Characters [start, end) as a string of their own, leaving the block alone: for slices taken
   * here and there (a literal, an encoded run) rather than in order.
   */
  sliceApart(start: number, end: number): string {
    const from = clampIndex(start, this.length, 0);
    const to = clampIndex(end, this.length, this.length);
    if (to <= from) return "";
    const offset = from - this.blockStart;
    if (offset >= 0 && to - this.blockStart <= this.block.length) return this.block.slice(offset, offset + (to - from));
    return latin1Slice.call(this.bytes, from, to);
  }

  /** The byte at `index`, NaN outside the text (as String.prototype.charCodeAt). */
  charCodeAt(index = 0): number {
    return index >= 0 && index < this.length ? (this.bytes[index] as number) : Number.NaN;
  }

  /** Position of `search` at or after `position`, -1 when absent (as String.prototype.indexOf). */
  indexOf(search: string, position = 0): number {
    const from = Math.min(Math.max(position, 0), this.length);
    if (search.length === 0) return from;
    if (search.length > 1) return this.bytes.indexOf(search, from, "latin1");
    const code = search.charCodeAt(0);
    return code > 0xff ? -1 : this.bytes.indexOf(code, from);
  }
}

/** text[start, end) for a caller that slices here and there: from a ByteText, without moving its block. */
export function sliceApart(text: Text, start: number, end: number): string {
  return text instanceof ByteText ? text.sliceApart(start, end) : text.slice(start, end);
}
