import { encodedRuns } from "./encoded-runs.js";
import { candidateSteps, candidateStepsPortable, hashWindow, insertSorted, windowOf } from "./keyword-scan.js";
import { buildKeywordTables } from "./keyword-tables.js";
import { type WasmCandidates, wasmCandidates } from "./wasm-candidates.js";

export { encodedRuns } from "./encoded-runs.js";

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Steps the candidate loops hand back at a time (the WebAssembly one as well). */
const CANDIDATES = 4096;
/** ASCII upper case folded onto lower case. */
const FOLD = Uint8Array.from({ length: 256 }, (_, c) => (c >= 65 && c <= 90 ? c + 32 : c));

/** What a search finds: keyword ids and start offsets (by start, then id), and encoded runs (start, end pairs). */
export interface KeywordHits {
  ids: number[];
  starts: number[];
  runs: number[];
}

/**
 * Case-folded multi-keyword search. The scan reads the input four bytes at a time and hashes the
 * two 4-byte windows that start at even offsets (bytes 0-3 and 2-5 of each step) into a bitmap;
 * two-byte keywords are looked up by their pair at each of the four offsets. Every occurrence of a
 * keyword of five bytes or more covers a whole window at an even offset and one at an odd offset
 * of the keyword: the rarest of each (by frequency tables of source code) is entered. Shorter
 * keywords are entered with wildcard bytes around them. About one step in forty needs a closer
 * look, where the keywords entered under the window are compared. Finds exactly what an
 * Aho-Corasick automaton finds (every occurrence of every keyword).
 */
export class KeywordFilter {
  readonly keywords: string[];
  private readonly codes: Uint8Array[];
  private readonly bits: Int32Array;
  private readonly slots: Int32Array;
  private readonly entries: Int32Array;
  private readonly pairs: Uint8Array;
  private readonly shortIds: number[];
  /** The input, copied to an aligned buffer (with padding) to be read as 32-bit words. */
  private scratch = new Uint8Array(64 * 1024);
  private candidates = new Int32Array(CANDIDATES);
  /** Whether the scan reads 32-bit words (little-endian machines) or composes them from bytes. */
  private readonly wordReads: boolean;
  /** The candidate loop in WebAssembly (little-endian machines), when it runs here. */
  private readonly wasm: WasmCandidates | undefined;

  /**
   * `words: false` makes the scan compose its windows from bytes, as on a big-endian machine;
   * `wasm: false` keeps the candidate loop in JavaScript.
   */
  constructor(keywords: string[], options: { words?: boolean; wasm?: boolean } = {}) {
    this.wordReads = (options.words ?? true) && LITTLE_ENDIAN;
    const tables = buildKeywordTables(keywords);
    ({ keywords: this.keywords, bits: this.bits, slots: this.slots, entries: this.entries } = tables);
    ({ pairs: this.pairs, shortIds: this.shortIds } = tables);
    this.codes = this.keywords.map((k) => Uint8Array.from(k, (c) => c.charCodeAt(0) & 0xff));
    this.wasm =
      this.wordReads && (options.wasm ?? true)
        ? wasmCandidates(this.bits, tables.bits2, this.pairs, {
            slots: this.slots,
            entries: this.entries,
            codes: this.codes,
            fold: FOLD,
            shortIds: this.shortIds,
          })
        : undefined;
  }

  /** Which candidate loop runs: WebAssembly, JavaScript over 32-bit words, or JavaScript over bytes. */
  get engine(): "wasm" | "words" | "bytes" {
    return this.wasm ? "wasm" : this.wordReads ? "words" : "bytes";
  }

  /**
   * Every occurrence of every keyword in `text`, and the runs of base64/hex/percent alphabet at
   * least `minRun` long, which the decoder looks at. Characters are taken as latin1
   * bytes (characters above 255, from UTF-16 text, keep their low byte).
   */
  search(text: string, minRun = 24): KeywordHits {
    const n = text.length;
    const bytes = this.reserve(n);
    Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).write(text, 0, n, "latin1");
    return this.scan(bytes, n, minRun);
  }

  /** `search` over bytes. */
  searchBytes(input: Uint8Array, minRun = 24): KeywordHits {
    const bytes = this.reserve(input.length);
    bytes.set(input);
    return this.scan(bytes, input.length, minRun);
  }

  private reserve(n: number): Uint8Array {
    if (this.wasm) return this.wasm.reserve(n + 16);
    if (this.scratch.length < n + 16) this.scratch = new Uint8Array(Math.max(n + 16, this.scratch.length * 2));
    return this.scratch;
  }

  /** The scan of bytes[0, n); bytes is the aligned scratch buffer, with room for padding. */
  private scan(bytes: Uint8Array, n: number, minRun: number): KeywordHits {
    // Pad with spaces: outside the encoded alphabet, and no keyword can end past n (matches are checked against n).
    bytes.fill(0x20, n, n + 16);
    const steps = (n + 3) >>> 2;
    const hits: number[] = [];
    const wasm = this.wasm;
    const found = this.candidates;
    for (let from = 0; from < steps; ) {
      if (wasm) {
        // The module looks closer itself (closer: lookCloser in WebAssembly) and hands back the
        // keywords found as (start, id) pairs, in the order lookCloser finds them.
        const k = wasm.candidates(from, steps);
        const pairs = wasm.closer(k, n);
        for (let j = 0; j < pairs.length; j += 2)
          insertSorted(hits, (pairs[j] as number) * this.keywords.length + (pairs[j + 1] as number));
        if (k < CANDIDATES) break;
        from = ((wasm.out[k - 1] as number) >> 3) + 1;
        continue;
      }
      const k = this.wordReads
        ? candidateSteps(
            new Uint32Array(bytes.buffer, bytes.byteOffset, steps + 2),
            from,
            steps,
            this.bits,
            this.pairs,
            found,
          )
        : candidateStepsPortable(bytes, from, steps, this.bits, this.pairs, found);
      for (let j = 0; j < k; j++) this.lookCloser(bytes, n, (found[j] as number) << 2, hits);
      if (k < CANDIDATES) break;
      from = (found[k - 1] as number) + 1;
    }
    return this.split(hits, this.wasm ? this.wasm.encodedRuns(n, minRun) : encodedRuns(bytes, n, minRun));
  }

  /** Finds the keywords that start at p..p+3 or whose window at p or p + 2 passed the bitmap. */
  private lookCloser(bytes: Uint8Array, n: number, p: number, hits: number[]): void {
    for (let w = p; w <= p + 2; w += 2) {
      const h = hashWindow(
        windowOf(bytes[w] as number, bytes[w + 1] as number, bytes[w + 2] as number, bytes[w + 3] as number),
      );
      if ((((this.bits[h >>> 5] as number) >>> (h & 31)) & 1) === 0) continue;
      const slots = this.slots;
      const mask = slots.length / 3 - 1;
      let slot = h & mask;
      while (slots[slot * 3] !== h + 1) slot = (slot + 1) & mask;
      const end = slots[slot * 3 + 2] as number;
      for (let e = slots[slot * 3 + 1] as number; e < end; e += 2) {
        const id = this.entries[e] as number;
        const start = w - (this.entries[e + 1] as number);
        if (start >= 0 && this.matchesAt(bytes, n, id, start)) insertSorted(hits, start * this.keywords.length + id);
      }
    }
    for (let s = p; s < p + 4; s++) {
      if (this.pairs[((bytes[s] as number) | ((bytes[s + 1] as number) << 8) | 0x2020) & 0xffff] === 0) continue;
      for (const id of this.shortIds)
        if (this.matchesAt(bytes, n, id, s)) insertSorted(hits, s * this.keywords.length + id);
    }
  }

  private matchesAt(bytes: Uint8Array, n: number, id: number, start: number): boolean {
    const codes = this.codes[id] as Uint8Array;
    if (start + codes.length > n) return false;
    for (let q = 0; q < codes.length; q++) if (FOLD[bytes[start + q] as number] !== codes[q]) return false;
    return true;
  }

  /** Sorts the hits (start * count + id), drops duplicates and splits them into ids and starts. */
  private split(hits: number[], runs: number[]): KeywordHits {
    const count = this.keywords.length;
    let sorted = true;
    for (let h = 1; h < hits.length && sorted; h++) sorted = (hits[h - 1] as number) < (hits[h] as number);
    if (!sorted) hits.sort((a, b) => a - b);
    const ids: number[] = [];
    const starts: number[] = [];
    for (let h = 0; h < hits.length; h++) {
      const key = hits[h] as number;
      if (h > 0 && key === hits[h - 1]) continue;
      ids.push(key % count);
      starts.push((key - (key % count)) / count);
    }
    return { ids, starts, runs };
  }
}
