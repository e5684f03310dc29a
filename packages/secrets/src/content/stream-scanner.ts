import { type AnalyzeOptions, analyzeText, type TextFinding } from "../detect/analyze.js";
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
  private decode: ((bytes: Uint8Array, last: boolean) => string) | undefined;
  private pending = "";
  private offsetBase = 0;
  private lineBase = 0;
  /** Global offset of the last newline before `pending`, -1 when none. */
  private lastNewline = -1;
  private head: Buffer[] = [];
  private headBytes = 0;
  readonly findings: LocatedFinding[] = [];
  encoding: TextEncoding = "latin1";

  constructor(options: AnalyzeOptions, chunk = CHUNK) {
    this.options = options;
    this.chunk = Math.max(chunk, OVERLAP * 2);
  }

  /** Feeds the next bytes of the file. */
  write(bytes: Uint8Array): void {
    if (!this.decode) {
      // Wait for enough bytes to recognise UTF-16 before choosing the decoder.
      this.head.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      this.headBytes += bytes.byteLength;
      if (this.headBytes < 256) return;
      this.startDecoding(false);
      return;
    }
    this.pending += this.decode(bytes, false);
    while (this.pending.length >= this.chunk) this.process(false);
  }

  /** Ends the file and returns every finding, in order. */
  end(): LocatedFinding[] {
    if (!this.decode) this.startDecoding(true);
    else this.pending += (this.decode as (b: Uint8Array, l: boolean) => string)(new Uint8Array(0), true);
    this.process(true);
    return this.findings;
  }

  private startDecoding(last: boolean): void {
    const head = this.head.length === 1 ? (this.head[0] as Buffer) : Buffer.concat(this.head);
    this.head = [];
    this.encoding = sniffEncoding(head);
    this.decode = textDecoder(this.encoding);
    this.pending += this.decode(head, last);
    while (this.pending.length >= this.chunk) this.process(false);
  }

  private process(final: boolean): void {
    const text = this.pending;
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
        allowedBy: inlineAllowReason(text.slice(lineFrom, lineTo)),
      });
    }
    if (final) return;
    const consumed = text.slice(0, owned);
    let newlines = 0;
    let last = -1;
    for (let nl = consumed.indexOf("\n"); nl !== -1; nl = consumed.indexOf("\n", nl + 1)) {
      newlines++;
      last = nl;
    }
    this.lineBase += newlines;
    if (last !== -1) this.lastNewline = this.offsetBase + last;
    this.offsetBase += owned;
    this.pending = text.slice(owned);
  }
}
