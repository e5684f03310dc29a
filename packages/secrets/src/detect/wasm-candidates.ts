import { CANDIDATES_WASM } from "./candidates-wasm.js";
import { ENCODED } from "./encoded-runs.js";

/** Where the tables, the candidates and the input sit in the module's memory (see candidates.wat). */
const PAIRS_AT = 262144;
const OUT_AT = 327680;
const ENCODED_AT = 344064;
const RUNS_AT = 344320;
/** Runs found per call, at most (start, end pairs of 4-byte integers). */
const RUNS_CAP = 4096;
const BITS2_AT = 393216;
/** The keyword tables of `closer` (see CloserTables), then the hits it finds, then the input. */
const TABLES_AT = 655360;
/** Candidates found per call, at most. */
const CAP = 4096;

/** What lookCloser reads, for the module's `closer`. */
export interface CloserTables {
  /** (window hash + 1, first entry, end of entries) triples, open-addressed (a power of two of them). */
  slots: Int32Array;
  /** (keyword id, offset of the window in the keyword) pairs. */
  entries: Int32Array;
  /** Each keyword's bytes (lower case). */
  codes: Uint8Array[];
  /** ASCII upper case folded onto lower case. */
  fold: Uint8Array;
  /** The ids of the two-byte keywords. */
  shortIds: number[];
}

type CandidatesFn = (from: number, steps: number, cap: number, input: number, out: number) => number;
type RunsFn = (last: number, n: number, step: number, input: number, out: number, cap: number) => number;
type CloserFn = (k: number, n: number, input: number, out: number, hits: number, tables: number) => number;

/** The parts of the WebAssembly API used here (the project's TypeScript libraries do not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}
const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

/**
 * The keyword filter's candidate loop (candidateSteps) and its closer look (lookCloser) in
 * WebAssembly, with its memory: the filter copies its input into `input` (instead of a scratch
 * buffer of its own) and reads the keywords found from what `closer` returns.
 */
export class WasmCandidates {
  private readonly memory: WasmMemory;
  private readonly run: CandidatesFn;
  private readonly runsFn: RunsFn;
  private readonly closerFn: CloserFn;
  /** Where the hits of `closer` go, and the input (after the keyword tables). */
  private readonly hitsAt: number;
  private readonly inputAt: number;
  /** The input area (from its start to the end of the memory). */
  input!: Uint8Array;
  /** The steps found by the last call. */
  out!: Int32Array;

  constructor(wasm: WasmApi, bits: Int32Array, bits2: Int32Array, pairs: Uint8Array, tables: CloserTables) {
    const instance = new wasm.Instance(new wasm.Module(Buffer.from(CANDIDATES_WASM, "base64")));
    this.memory = instance.exports.memory as WasmMemory;
    this.run = instance.exports.candidates as CandidatesFn;
    this.runsFn = instance.exports.runs as RunsFn;
    this.closerFn = instance.exports.closer as CloserFn;
    if (
      bits.byteLength !== PAIRS_AT ||
      bits2.byteLength !== TABLES_AT - BITS2_AT ||
      pairs.byteLength !== OUT_AT - PAIRS_AT
    )
      throw new Error("table sizes");
    const { header, bytes, hitsAt } = layTables(tables);
    this.hitsAt = hitsAt;
    // The hits of one call: each step's two windows' entries and the pairs' two-byte keywords.
    let most = 0;
    for (let s = 0; s < tables.slots.length; s += 3)
      most = Math.max(most, ((tables.slots[s + 2] as number) - (tables.slots[s + 1] as number)) / 2);
    this.inputAt = align(hitsAt + CAP * (2 * most + 4 * tables.shortIds.length) * 8);
    const missing = this.inputAt + 65536 - this.memory.buffer.byteLength;
    if (missing > 0) this.memory.grow(Math.ceil(missing / 65536));
    this.views();
    const memory = new Uint8Array(this.memory.buffer);
    memory.set(new Uint8Array(bits.buffer, bits.byteOffset, bits.byteLength), 0);
    memory.set(new Uint8Array(bits2.buffer, bits2.byteOffset, bits2.byteLength), BITS2_AT);
    memory.set(pairs, PAIRS_AT);
    memory.set(ENCODED, ENCODED_AT);
    memory.set(bytes, TABLES_AT);
    new Int32Array(this.memory.buffer, TABLES_AT, header.length).set(header);
  }

  /** The input area with room for at least `n` bytes (the memory grows as needed). */
  reserve(n: number): Uint8Array {
    const missing = this.inputAt + n - this.memory.buffer.byteLength;
    if (missing > 0) {
      this.memory.grow(Math.ceil(missing / 65536));
      this.views();
    }
    return this.input;
  }

  /** The steps in [from, steps) of the input that need a closer look, into `out`; how many (CAP when full). */
  candidates(from: number, steps: number): number {
    return this.run(from, steps, CAP, this.inputAt, OUT_AT);
  }

  /**
   * lookCloser for the `k` steps the last `candidates` call found, over input[0, n): the keywords
   * found, as (start, keyword id) pairs in the order lookCloser finds them.
   */
  closer(k: number, n: number): Int32Array {
    const found = this.closerFn(k, n, this.inputAt, OUT_AT, this.hitsAt, TABLES_AT);
    return new Int32Array(this.memory.buffer, this.hitsAt, found * 2);
  }

  /** encodedRuns(input, n, minRun), found by the module: (start, end) pairs. */
  encodedRuns(n: number, minRun: number): number[] {
    const runs: number[] = [];
    const step = Math.max(1, minRun);
    for (let last = -1; ; ) {
      const k = this.runsFn(last, n, step, this.inputAt, RUNS_AT, RUNS_CAP);
      const found = new Int32Array(this.memory.buffer, RUNS_AT, k * 2);
      for (let j = 0; j < found.length; j++) runs.push(found[j] as number);
      if (k < RUNS_CAP) return runs;
      last = found[found.length - 1] as number;
    }
  }

  private views(): void {
    this.input = new Uint8Array(this.memory.buffer, this.inputAt);
    this.out = new Int32Array(this.memory.buffer, OUT_AT, CAP);
  }
}

/** `at` rounded up to a whole page of WebAssembly memory. */
function align(at: number): number {
  return Math.ceil(at / 65536) * 65536;
}

/**
 * The keyword tables as bytes to place at TABLES_AT: a header of their places (as `closer` in
 * candidates.wat reads it), the slots, the entries, the keywords' bytes, starts and lengths, the
 * case fold and the two-byte keywords' ids. Returns where the hits may go after them.
 */
function layTables(tables: CloserTables): { header: Int32Array; bytes: Uint8Array; hitsAt: number } {
  const starts = new Int32Array(tables.codes.length);
  const lengths = Int32Array.from(tables.codes, (c) => c.length);
  const codes = new Uint8Array(lengths.reduce((a, b) => a + b, 0));
  let at = 0;
  tables.codes.forEach((c, id) => {
    starts[id] = at;
    codes.set(c, at);
    at += c.length;
  });
  const parts: Uint8Array[] = [
    new Uint8Array(64),
    new Uint8Array(tables.slots.buffer, tables.slots.byteOffset, tables.slots.byteLength),
    new Uint8Array(tables.entries.buffer, tables.entries.byteOffset, tables.entries.byteLength),
    codes,
    new Uint8Array(starts.buffer),
    new Uint8Array(lengths.buffer),
    tables.fold,
    new Uint8Array(Int32Array.from(tables.shortIds).buffer),
  ];
  const places: number[] = [];
  let size = 0;
  for (const part of parts) {
    places.push(TABLES_AT + size);
    size += Math.ceil(part.byteLength / 8) * 8;
  }
  const bytes = new Uint8Array(size);
  for (let i = 0; i < parts.length; i++) bytes.set(parts[i] as Uint8Array, (places[i] as number) - TABLES_AT);
  const slotCount = tables.slots.length / 3;
  const [, slots, entries, codesAt, startsAt, lengthsAt, foldAt, shortAt] = places as number[];
  const header = Int32Array.from([
    slots as number,
    slotCount - 1,
    entries as number,
    codesAt as number,
    startsAt as number,
    lengthsAt as number,
    foldAt as number,
    shortAt as number,
    tables.shortIds.length,
  ]);
  return { header, bytes, hitsAt: align(TABLES_AT + size) };
}

/** The WebAssembly candidate loop over these tables; undefined where WebAssembly cannot run it. */
export function wasmCandidates(
  bits: Int32Array,
  bits2: Int32Array,
  pairs: Uint8Array,
  tables: CloserTables,
): WasmCandidates | undefined {
  if (api === undefined) return undefined;
  try {
    return new WasmCandidates(api, bits, bits2, pairs, tables);
  } catch {
    return undefined; // the JavaScript loop finds the same
  }
}
