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
 * Bytes read as latin1 text. The keyword filter and the searches for single characters read the
 * bytes; the text is turned into a string (once) only when a detector asks for a slice, which
 * is then a cheap view into it.
 */
export class ByteText implements Text {
  readonly bytes: Buffer;
  readonly length: number;
  private text: string | undefined;

  constructor(bytes: Uint8Array) {
    this.bytes = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.length = bytes.byteLength;
  }

  /** Characters [start, end) as a string (as String.prototype.slice). */
  slice(start?: number, end?: number): string {
    this.text ??= latin1Slice.call(this.bytes, 0, this.length);
    return this.text.slice(start, end);
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
