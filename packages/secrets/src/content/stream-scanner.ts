import { type AnalyzeOptions, analyzeText, type TextFinding } from "../detect/analyze.js";
import { ByteText, sliceApart, type Text } from "../detect/text.js";
import { sniffEncoding, type TextEncoding, textDecoder } from "./encoding.js";
import { inlineAllowReason } from "./markers.js";

/** A finding with its 1-based line and column in the scanned file. */
export interface LocatedFinding extends TextFinding {
  line: number;
  column: number;
  /** The reason of an inline allow marker on the line, when there is one. */
  allowedBy: string | undefined;
}

/** Characters scanned at once; memory per file stays near this whatever the file size. */
const CHUNK = 4 * 1024 * 1024;
/** Characters carried into the next chunk: longer than any match (PEM keys are the longest). */
const OVERLAP = 24 * 1024;
/** How far around a finding the line is searched for an allow marker. */
const MARKER_REACH = 4096;

/**
 * Scans a file as it streams in: text is analysed in bounded chunks that
 * overlap by more than the longest match, and each finding belongs to the
 * chunk it starts in, so nothing is found twice or missed at a boundary.
 */
export class StreamScanner {
  private readonly options: AnalyzeOptions;
  private readonly chunk: number;
  /** The decoder of UTF-16 text; latin1 text is scanned as bytes, never decoded. */
  private decode: ((bytes: Uint8Array, last: boolean) => string) | undefined;
  /** Text not analysed yet: a string (UTF-16) or byte chunks (latin1). */
  private pending = "";
  private pendingBytes: Buffer[] = [];
  private pendingLength = 0;
  /** Where byte chunks are joined into one text, reused from chunk to chunk. */
  private joined: Buffer | undefined;
  private offsetBase = 0;
  private lineBase = 0;
  /** Global offset of the last newline before the pending text, -1 when none. */
  private lastNewline = -1;
  private head: Buffer[] = [];
  private headBytes = 0;
  private sniffed = false;
  readonly findings: LocatedFinding[] = [];
  encoding: TextEncoding = "latin1";

  constructor(options: AnalyzeOptions, chunk = CHUNK) {
    this.options = options;
    this.chunk = Math.max(chunk, OVERLAP * 2);
  }

  /**
   * Feeds the next bytes of the file. The scanner may keep `bytes` until the next write; with
   * `reused` (the caller overwrites them afterwards) it keeps a copy of what it has not scanned yet.
   */
  write(bytes: Uint8Array, reused = false): void {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (!this.sniffed) {
      // Wait for enough bytes to recognise UTF-16 before choosing how to read the text.
      this.head.push(buffer);
      this.headBytes += buffer.byteLength;
      if (this.headBytes >= 256) this.startReading(false);
    } else this.append(buffer, false);
    if (reused) this.ownPending(buffer);
  }

  /** Replaces a pending reference to `buffer` (its owner is about to overwrite it) with a copy. */
  private ownPending(buffer: Buffer): void {
    // Only the part just written can be `buffer`: parts written before it are owned already.
    for (const parts of [this.head, this.pendingBytes]) {
      const last = parts.length - 1;
      if (last >= 0 && parts[last] === buffer) parts[last] = Buffer.from(buffer);
    }
  }

  /** Ends the file and returns every finding, in order. */
  end(): LocatedFinding[] {
    if (!this.sniffed) this.startReading(true);
    else if (this.decode) this.pending += this.decode(new Uint8Array(0), true);
    this.process(true);
    return this.findings;
  }

  private startReading(last: boolean): void {
    const head = this.head.length === 1 ? (this.head[0] as Buffer) : Buffer.concat(this.head);
    this.head = [];
    this.sniffed = true;
    this.encoding = sniffEncoding(head);
    if (this.encoding !== "latin1") this.decode = textDecoder(this.encoding);
    this.append(head, last);
  }

  private append(bytes: Buffer, last: boolean): void {
    if (this.decode) {
      this.pending += this.decode(bytes, last);
      this.pendingLength = this.pending.length;
    } else if (bytes.byteLength > 0) {
      this.pendingBytes.push(bytes);
      this.pendingLength += bytes.byteLength;
    }
    while (this.pendingLength >= this.chunk) this.process(false);
  }

  /** The pending text as one Text: the string, or the bytes joined (one chunk is used as it is). */
  private pendingText(): Text {
    if (this.decode) return this.pending;
    const parts = this.pendingBytes;
    if (parts.length === 1) return new ByteText(parts[0] as Buffer);
    if (!this.joined || this.joined.length < this.pendingLength) this.joined = Buffer.allocUnsafe(this.pendingLength);
    let at = 0;
    for (const part of parts) at += part.copy(this.joined, at);
    return new ByteText(this.joined.subarray(0, at));
  }

  /** Keeps text[owned, end) for the next chunk. */
  private keep(text: Text, owned: number): void {
    if (text instanceof ByteText) {
      // A copy: the chunk may be a buffer its reader reuses.
      this.pendingBytes = [Buffer.from(text.bytes.subarray(owned))];
      this.pendingLength = text.length - owned;
    } else {
      this.pending = text.slice(owned);
      this.pendingLength = this.pending.length;
    }
  }

  private process(final: boolean): void {
    const text = this.pendingText();
    const owned = final ? text.length : text.length - OVERLAP;
    const found = analyzeText(text, this.options).filter((f) => f.start < owned);
    let line = this.lineBase;
    let cursor = 0;
    let lastNl = this.lastNewline - this.offsetBase; // may be negative: before this text
    for (const f of found) {
      for (let nl = text.indexOf("\n", cursor); nl !== -1 && nl < f.start; nl = text.indexOf("\n", nl + 1)) {
        line++;
        lastNl = nl;
        cursor = nl + 1;
      }
      if (cursor < f.start) cursor = f.start;
      const lineFrom = Math.max(lastNl + 1, f.start - MARKER_REACH, 0);
      let lineTo = text.indexOf("\n", f.start);
      if (lineTo === -1 || lineTo > f.end + MARKER_REACH) lineTo = Math.min(text.length, f.end + MARKER_REACH);
      this.findings.push({
        ...f,
        line: line + 1,
        column: f.start - lastNl,
        allowedBy: inlineAllowReason(sliceApart(text, lineFrom, lineTo)),
      });
    }
    if (final) return;
    let newlines = 0;
    let last = -1;
    for (let nl = text.indexOf("\n"); nl !== -1 && nl < owned; nl = text.indexOf("\n", nl + 1)) {
      newlines++;
      last = nl;
    }
    this.lineBase += newlines;
    if (last !== -1) this.lastNewline = this.offsetBase + last;
    this.offsetBase += owned;
    this.keep(text, owned);
  }
}
