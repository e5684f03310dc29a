import { COMMON_BYTES, COMMON_PAIRS, COMMON_TRIGRAMS } from "./common-trigrams.js";
import { HASH_BITS, hashWindow, hashWindow2, windowOf } from "./keyword-scan.js";

/** The tables of a KeywordFilter, built from its keywords (buildKeywordTables). */
export interface KeywordTables {
  /** The keywords (lower case), by id. */
  keywords: string[];
  /** Bitmap of the hashes of the windows entered (hashWindow). */
  bits: Int32Array;
  /** The same windows hashed with hashWindow2 (checked by the WebAssembly loop). */
  bits2: Int32Array;
  /** Open-addressed table of (window hash + 1, first entry, end of entries) triples. */
  slots: Int32Array;
  /** (keyword id, offset of the window in the keyword) pairs, grouped by hash. */
  entries: Int32Array;
  /** Loosened pair (first byte low) → 1 when a two-byte keyword has it. */
  pairs: Uint8Array;
  /** The ids of the two-byte keywords. */
  shortIds: number[];
}

/** The values a byte can take once loosened: what a wildcard byte of a window stands for. */
const ANY = [...new Set(Array.from({ length: 256 }, (_, c) => c | 0x20))];

/** Rarity of a folded 1-3 byte string by the frequency tables: its rank, higher is rarer. */
function rarityOf(): (s: string) => number {
  const ranks = [COMMON_BYTES, COMMON_PAIRS, COMMON_TRIGRAMS].map((table, i) => {
    const rank = new Map<string, number>();
    for (let j = 0; j < table.length; j += i + 1) rank.set(table.slice(j, j + i + 1), j / (i + 1));
    return rank;
  });
  return (s) => ranks[s.length - 1]?.get(s) ?? 1e4 - 1;
}

/**
 * Enters the keywords' windows (see KeywordFilter): a keyword of five bytes or more by the rarest
 * window at an even and at an odd offset of it, shorter ones with wildcard bytes around them,
 * two-byte keywords by their pair.
 */
export function buildKeywordTables(words: string[]): KeywordTables {
  const keywords = words.map((k) => k.toLowerCase());
  const bits = new Int32Array(1 << (HASH_BITS - 5));
  const bits2 = new Int32Array(1 << (HASH_BITS - 5));
  const pairs = new Uint8Array(65536);
  const shortIds: number[] = [];
  const byHash = new Map<number, number[]>();
  const add = (id: number, offset: number, a: number, b: number, c: number, d: number): void => {
    const h = hashWindow(windowOf(a, b, c, d));
    bits[h >>> 5] = (bits[h >>> 5] as number) | (1 << (h & 31));
    const g = hashWindow2(windowOf(a, b, c, d));
    bits2[g >>> 5] = (bits2[g >>> 5] as number) | (1 << (g & 31));
    const list = byHash.get(h) ?? [];
    byHash.set(h, list);
    for (let j = 0; j < list.length; j += 2) if (list[j] === id && list[j + 1] === offset) return;
    list.push(id, offset);
  };
  const rarity = rarityOf();
  // A window is as rare as the more common of its trigrams, then of its outer pairs.
  const score = (k: string, o: number): number =>
    Math.min(rarity(k.slice(o, o + 3)), rarity(k.slice(o + 1, o + 4))) * 1e4 +
    Math.min(rarity(k.slice(o, o + 2)), rarity(k.slice(o + 2, o + 4)));
  keywords.forEach((keyword, id) => {
    const codes = Uint8Array.from(keyword, (c) => c.charCodeAt(0) & 0xff);
    const at = (i: number): number => codes[i] as number;
    if (codes.length < 2) throw new Error(`keyword "${keyword}" is shorter than two characters`);
    if (codes.length === 2) {
      pairs[(at(0) | (at(1) << 8) | 0x2020) & 0xffff] = 1;
      shortIds.push(id);
    } else if (codes.length === 3) {
      // Starting at an even offset: the window there, any byte after; at an odd one: the window before.
      for (const x of ANY) add(id, 0, at(0), at(1), at(2), x);
      for (const x of ANY) add(id, -1, x, at(0), at(1), at(2));
    } else if (codes.length === 4) {
      add(id, 0, at(0), at(1), at(2), at(3));
      if (rarity(keyword.slice(0, 3)) >= rarity(keyword.slice(1)))
        for (const x of ANY) add(id, -1, x, at(0), at(1), at(2));
      else for (const x of ANY) add(id, 1, at(1), at(2), at(3), x);
    } else {
      for (const parity of [0, 1]) {
        let best = parity;
        for (let o = parity + 2; o + 4 <= codes.length; o += 2) if (score(keyword, o) > score(keyword, best)) best = o;
        add(id, best, at(best), at(best + 1), at(best + 2), at(best + 3));
      }
    }
  });
  const size = 1 << Math.ceil(Math.log2(byHash.size * 2));
  const slots = new Int32Array(size * 3);
  const entries = new Int32Array([...byHash.values()].reduce((n, l) => n + l.length, 0));
  let filled = 0;
  for (const [h, list] of byHash) {
    let slot = h & (size - 1);
    while (slots[slot * 3] !== 0) slot = (slot + 1) & (size - 1);
    slots[slot * 3] = h + 1;
    slots[slot * 3 + 1] = filled;
    slots[slot * 3 + 2] = filled + list.length;
    entries.set(list, filled);
    filled += list.length;
  }
  return { keywords, bits, bits2, slots, entries, pairs, shortIds };
}
