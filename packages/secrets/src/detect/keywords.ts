/**
 * Aho-Corasick automaton over bytes, case-folded, compiled to a flat DFA
 * table: one table lookup per input character, whatever the number of
 * keywords. It is the prefilter that keeps the scanner fast on large inputs.
 */
export class KeywordAutomaton {
  private readonly shift: number;
  private readonly flagged: Int32Array;
  private readonly byteClass: Uint8Array;
  /** For each state, the ids of keywords that end there (including by suffix), or undefined. */
  private readonly outputs: Array<number[] | undefined>;
  readonly keywords: string[];

  constructor(keywords: string[]) {
    this.keywords = keywords.map((k) => k.toLowerCase());
    const goto: Array<Map<number, number>> = [new Map()];
    const out: number[][] = [[]];
    this.keywords.forEach((keyword, id) => {
      let state = 0;
      for (let i = 0; i < keyword.length; i++) {
        const c = keyword.charCodeAt(i) & 0xff;
        let next = goto[state]?.get(c);
        if (next === undefined) {
          next = goto.length;
          goto.push(new Map());
          out.push([]);
          goto[state]?.set(c, next);
        }
        state = next;
      }
      out[state]?.push(id);
    });
    const states = goto.length;
    const delta = new Int32Array(states * 256);
    const fail = new Int32Array(states);
    const queue: number[] = [];
    for (let c = 0; c < 256; c++) {
      const next = goto[0]?.get(c) ?? 0;
      delta[c] = next;
      if (next !== 0) queue.push(next);
    }
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head] as number;
      const f = fail[state] as number;
      for (const id of out[f] ?? []) out[state]?.push(id);
      for (let c = 0; c < 256; c++) {
        const next = goto[state]?.get(c);
        if (next === undefined) delta[state * 256 + c] = delta[f * 256 + c] as number;
        else {
          delta[state * 256 + c] = next;
          fail[next] = delta[f * 256 + c] as number;
          queue.push(next);
        }
      }
    }
    // Compress the alphabet: bytes absent from every keyword behave alike. Upper-case ASCII folds
    // onto lower case. The smaller table stays in cache, which is what makes the loop fast.
    const classes = new Uint8Array(256);
    let count = 1;
    for (const keyword of this.keywords) {
      for (let i = 0; i < keyword.length; i++) {
        const c = keyword.charCodeAt(i) & 0xff;
        if (classes[c] === 0) classes[c] = count++;
      }
    }
    for (let c = 65; c <= 90; c++) classes[c] = classes[c + 32] as number;
    let shift = 0;
    while (1 << shift < count) shift++;
    const stride = 1 << shift;
    const small = new Uint32Array(states * stride);
    for (let s = 0; s < states; s++) {
      for (let c = 0; c < 256; c++) small[s * stride + (classes[c] as number)] = delta[s * 256 + c] as number;
    }
    if (count > 0x7f) throw new Error("keyword alphabet too large for the scan tables");
    this.shift = shift;
    // The scan loop's tables: a transition to a state with output is stored as -(state + 1), and
    // bit 7 of a byte's class marks bytes outside the encoded-run alphabet. One load each per byte.
    const outputs = Uint8Array.from(out, (ids) => (ids.length > 0 ? 1 : 0));
    this.flagged = Int32Array.from(small, (next) => (outputs[next] === 1 ? -(next + 1) : next));
    this.byteClass = Uint8Array.from(classes, (cls, c) => cls | (ENCODED[c] === 1 ? 0 : 0x80));
    this.outputs = out.map((ids) => (ids.length > 0 ? ids : undefined));
  }

  /**
   * Every occurrence of every keyword in `text`, as parallel arrays of keyword ids and start
   * offsets; in the same pass, the runs of base64/hex/percent alphabet at least `minRun` long
   * (start, end pairs), which the decoder looks at. One pass, one table lookup per character.
   */
  search(text: string, minRun = 24): { ids: number[]; starts: number[]; runs: number[] } {
    // Bytes are faster to walk than string characters; latin1 keeps one byte per character
    // (characters above 255, from UTF-16 text, keep their low byte, as the table expects).
    const bytes = Buffer.from(text, "latin1");
    const flagged = this.flagged;
    const byteClass = this.byteClass;
    const shift = this.shift;
    const ids: number[] = [];
    const starts: number[] = [];
    const runs: number[] = [];
    let state = 0;
    let runStart = 0;
    const n = bytes.length;
    for (let i = 0; i < n; i++) {
      const k = byteClass[bytes[i] as number] as number;
      state = flagged[(state << shift) | (k & 0x7f)] as number;
      if (state < 0) {
        state = -state - 1;
        for (const id of this.outputs[state] as number[]) {
          ids.push(id);
          starts.push(i + 1 - (this.keywords[id] as string).length);
        }
      }
      if (k & 0x80) {
        if (i - runStart >= minRun) runs.push(runStart, i);
        runStart = i + 1;
      }
    }
    if (n - runStart >= minRun) runs.push(runStart, n);
    return { ids, starts, runs };
  }
}

/** Bytes of the base64 (standard and URL-safe), hex and percent-encoding alphabets. */
const ENCODED = new Uint8Array(256);
for (const c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_%-") ENCODED[c.charCodeAt(0)] = 1;
