import { COMMON_BYTES, COMMON_PAIRS, COMMON_TRIGRAMS } from "./common-trigrams.js";

/** Flags of a byte pair (a 16-bit word of the input, first byte in the low bits). */
const RIGHT = 1; // the pair starts an anchor trigram: check the trigram at the pair and the next byte
const LEFT = 2; // the pair ends an anchor trigram: check the trigram at the previous byte and the pair
/** Bits of the trigram hash: a 32 KB bitmap, which stays in the first-level cache. */
const HASH_BITS = 18;

/** Bytes of the base64 (standard and URL-safe), hex and percent-encoding alphabets. */
const ENCODED = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_%-") ENCODED[c.charCodeAt(0)] = 1;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** ASCII upper case folded onto lower case. */
const FOLD = Uint8Array.from({ length: 256 }, (_, c) => (c >= 65 && c <= 90 ? c + 32 : c));

function trigramHash(a: number, b: number, c: number): number {
  return Math.imul((a << 16) | (b << 8) | c, 0x9e3779b1) >>> (32 - HASH_BITS);
}

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

/** Rarity of a folded 1-3 byte string by the frequency tables: its rank, higher is rarer. */
function rarityOf(): (s: string, len: 1 | 2 | 3) => number {
  const ranks = [COMMON_BYTES, COMMON_PAIRS, COMMON_TRIGRAMS].map((table, i) => {
    const rank = new Map<string, number>();
    for (let j = 0; j < table.length; j += i + 1) rank.set(table.slice(j, j + i + 1), j / (i + 1));
    return rank;
  });
  return (s, len) => ranks[len - 1]?.get(s) ?? 1e4 - 1;
}

/** What a search finds: keyword ids and start offsets (by start, then id), and encoded runs (start, end pairs). */
export interface KeywordHits {
  ids: number[];
  starts: number[];
  runs: number[];
}

/**
 * Case-folded multi-keyword search. Each keyword is anchored on a rare trigram
 * (by frequency tables of source code). The scan loop reads the input four
 * bytes at a time and looks both byte pairs up in a 64 KB table saying whether
 * the pair may start or end an anchor trigram; only then is the trigram hashed
 * and tested in a bitmap, and only a trigram in the bitmap has its keywords
 * compared. Finds exactly what an Aho-Corasick automaton finds (every
 * occurrence of every keyword), with no per-byte state to carry.
 */
export class KeywordFilter {
  readonly keywords: string[];
  private readonly codes: Uint8Array[];
  private readonly pairs = new Uint8Array(65536);
  private readonly bits = new Int32Array(1 << (HASH_BITS - 5));
  /** For each trigram hash in the bitmap: pairs of (keyword id, offset of the trigram in the keyword). */
  private readonly buckets: Array<number[] | undefined> = new Array(1 << HASH_BITS).fill(undefined);
  /** Keywords of two bytes, as (id, 1 when their trigram takes the byte after them, 0 the byte before) pairs. */
  private readonly short: number[] = [];
  /** The input, copied to an aligned buffer (with padding) to be read as 32-bit words. */
  private scratch = Buffer.alloc(64 * 1024);

  constructor(keywords: string[]) {
    this.keywords = keywords.map((k) => k.toLowerCase());
    this.codes = this.keywords.map((k) => Uint8Array.from(k, (c) => c.charCodeAt(0) & 0xff));
    const rarity = rarityOf();
    const pairFlags = new Uint8Array(65536); // by folded pair, first byte in the high bits
    this.codes.forEach((codes, id) => {
      const keyword = this.keywords[id] as string;
      if (codes.length < 2) throw new Error(`keyword "${keyword}" is shorter than two characters`);
      const at = (i: number): number => codes[i] as number;
      if (codes.length === 2) {
        // The trigram takes any byte after the keyword, or before it: whichever pairs are rarer.
        const after = rarity(keyword.slice(1), 1) >= rarity(keyword.slice(0, 1), 1);
        this.short.push(id, after ? 1 : 0);
        for (let c = 0; c < 256; c++) {
          if (FOLD[c] !== c) continue;
          if (after) this.anchor(id, 0, at(0), at(1), c, pairFlags);
          else this.anchor(id, -1, c, at(0), at(1), pairFlags);
        }
        return;
      }
      // The trigram whose more common pair is the rarest (the pairs decide how often the trigram is
      // hashed), then the rarest trigram (it decides how often keywords are compared).
      let best = 0;
      let bestScore = -1;
      for (let o = 0; o + 3 <= codes.length; o++) {
        const t = keyword.slice(o, o + 3);
        const score = Math.min(rarity(t.slice(0, 2), 2), rarity(t.slice(1), 2)) * 1e4 + rarity(t, 3);
        if (score > bestScore) [best, bestScore] = [o, score];
      }
      this.anchor(id, best, at(best), at(best + 1), at(best + 2), pairFlags);
    });
    for (let v = 0; v < 65536; v++) {
      // The pair as a 16-bit word of the input: the first byte is the low one on little-endian machines.
      const [b0, b1] = LITTLE_ENDIAN ? [v & 0xff, v >>> 8] : [v >>> 8, v & 0xff];
      this.pairs[v] = pairFlags[((FOLD[b0] as number) << 8) | (FOLD[b1] as number)] as number;
    }
  }

  /** Registers the trigram a b c at `offset` of keyword `id` (all folded). */
  private anchor(id: number, offset: number, a: number, b: number, c: number, pairFlags: Uint8Array): void {
    pairFlags[(a << 8) | b] = (pairFlags[(a << 8) | b] as number) | RIGHT;
    pairFlags[(b << 8) | c] = (pairFlags[(b << 8) | c] as number) | LEFT;
    const hash = trigramHash(a, b, c);
    this.bits[hash >>> 5] = (this.bits[hash >>> 5] as number) | (1 << (hash & 31));
    let bucket = this.buckets[hash];
    if (!bucket) {
      bucket = [];
      this.buckets[hash] = bucket;
    }
    for (let j = 0; j < bucket.length; j += 2) if (bucket[j] === id && bucket[j + 1] === offset) return;
    bucket.push(id, offset);
  }

  /**
   * Every occurrence of every keyword in `text`, and the runs of base64/hex/percent alphabet at
   * least `minRun` long, which the decoder looks at. Characters are taken as latin1
   * bytes (characters above 255, from UTF-16 text, keep their low byte).
   */
  search(text: string, minRun = 24): KeywordHits {
    const n = text.length;
    const bytes = this.reserve(n);
    bytes.write(text, 0, n, "latin1");
    return this.scan(bytes, n, minRun);
  }

  /** `search` over bytes. */
  searchBytes(input: Uint8Array, minRun = 24): KeywordHits {
    const bytes = this.reserve(input.length);
    bytes.set(input);
    return this.scan(bytes, input.length, minRun);
  }

  private reserve(n: number): Buffer {
    if (this.scratch.length < n + 8) this.scratch = Buffer.alloc(Math.max(n + 8, this.scratch.length * 2));
    return this.scratch;
  }

  /** The scan of bytes[0, n); bytes is the aligned scratch buffer, with room for padding. */
  private scan(bytes: Buffer, n: number, minRun: number): KeywordHits {
    // Pad with spaces: outside the encoded alphabet, and no keyword can end past n (matches are checked against n).
    bytes.fill(0x20, n, n + 8);
    // Four bytes at a time: one load, two pair lookups, one test; 90% of words go no further.
    const quads = new Uint32Array(bytes.buffer, bytes.byteOffset, (n + 3) >>> 2);
    const pairs = this.pairs;
    const hits: number[] = [];
    for (let i = 0; i < quads.length; i++) {
      const q = quads[i] as number;
      const low = pairs[q & 0xffff] as number;
      const high = pairs[q >>> 16] as number;
      if ((low | high) === 0) continue;
      const p = i << 2;
      if (LITTLE_ENDIAN) {
        if (low !== 0) this.pair(bytes, n, p, low, hits);
        if (high !== 0) this.pair(bytes, n, p + 2, high, hits);
      } else {
        if (high !== 0) this.pair(bytes, n, p, high, hits);
        if (low !== 0) this.pair(bytes, n, p + 2, low, hits);
      }
    }
    // A two-byte keyword at the very end (or start) has no byte after (or before) it to make its trigram.
    for (let j = 0; j < this.short.length && n >= 2; j += 2) {
      const id = this.short[j] as number;
      const start = this.short[j + 1] === 1 ? n - 2 : 0;
      if (this.matchesAt(bytes, n, id, start)) hits.push(start * this.keywords.length + id);
    }
    return this.split(hits, encodedRuns(bytes, n, minRun));
  }

  /** Tests the trigrams the pair at `p` (with flags `f`) starts or ends in the bitmap. */
  private pair(bytes: Buffer, n: number, p: number, f: number, hits: number[]): void {
    const bits = this.bits;
    if (f & RIGHT) {
      const h = trigramHash(
        FOLD[bytes[p] as number] as number,
        FOLD[bytes[p + 1] as number] as number,
        FOLD[bytes[p + 2] as number] as number,
      );
      if (((bits[h >>> 5] as number) >>> (h & 31)) & 1) this.verify(bytes, n, p, h, hits);
    }
    if (f & LEFT && p > 0) {
      const h = trigramHash(
        FOLD[bytes[p - 1] as number] as number,
        FOLD[bytes[p] as number] as number,
        FOLD[bytes[p + 1] as number] as number,
      );
      if (((bits[h >>> 5] as number) >>> (h & 31)) & 1) this.verify(bytes, n, p - 1, h, hits);
    }
  }

  /** Compares the keywords anchored on trigram hash `h` with the trigram at `t`. */
  private verify(bytes: Buffer, n: number, t: number, h: number, hits: number[]): void {
    const bucket = this.buckets[h] as number[];
    for (let j = 0; j < bucket.length; j += 2) {
      const id = bucket[j] as number;
      const start = t - (bucket[j + 1] as number);
      if (start >= 0 && this.matchesAt(bytes, n, id, start)) hits.push(start * this.keywords.length + id);
    }
  }

  private matchesAt(bytes: Buffer, n: number, id: number, start: number): boolean {
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
