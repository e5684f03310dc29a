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
const INPUT_AT = 655360;
/** Candidates found per call, at most. */
const CAP = 4096;

type CandidatesFn = (from: number, steps: number, cap: number, input: number, out: number) => number;
type RunsFn = (last: number, n: number, step: number, input: number, out: number, cap: number) => number;

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
 * The keyword filter's candidate loop (candidateSteps) in WebAssembly, with its memory: the
 * filter copies its input into `input` (instead of a scratch buffer of its own) and reads the
 * steps found from `out`.
 */
export class WasmCandidates {
  private readonly memory: WasmMemory;
  private readonly run: CandidatesFn;
  private readonly runsFn: RunsFn;
  /** The input area (from its start to the end of the memory). */
  input!: Uint8Array;
  /** The steps found by the last call. */
  out!: Int32Array;

  constructor(wasm: WasmApi, bits: Int32Array, bits2: Int32Array, pairs: Uint8Array) {
    const instance = new wasm.Instance(new wasm.Module(Buffer.from(CANDIDATES_WASM, "base64")));
    this.memory = instance.exports.memory as WasmMemory;
    this.run = instance.exports.candidates as CandidatesFn;
    this.runsFn = instance.exports.runs as RunsFn;
    if (
      bits.byteLength !== PAIRS_AT ||
      bits2.byteLength !== INPUT_AT - BITS2_AT ||
      pairs.byteLength !== OUT_AT - PAIRS_AT
    )
      throw new Error("table sizes");
    new Uint8Array(this.memory.buffer).set(new Uint8Array(bits.buffer, bits.byteOffset, bits.byteLength), 0);
    new Uint8Array(this.memory.buffer).set(new Uint8Array(bits2.buffer, bits2.byteOffset, bits2.byteLength), BITS2_AT);
    new Uint8Array(this.memory.buffer).set(pairs, PAIRS_AT);
    new Uint8Array(this.memory.buffer).set(ENCODED, ENCODED_AT);
    this.views();
  }

  /** The input area with room for at least `n` bytes (the memory grows as needed). */
  reserve(n: number): Uint8Array {
    const missing = INPUT_AT + n - this.memory.buffer.byteLength;
    if (missing > 0) {
      this.memory.grow(Math.ceil(missing / 65536));
      this.views();
    }
    return this.input;
  }

  /** The steps in [from, steps) of the input that need a closer look, into `out`; how many (CAP when full). */
  candidates(from: number, steps: number): number {
    return this.run(from, steps, CAP, INPUT_AT, OUT_AT);
  }

  /** encodedRuns(input, n, minRun), found by the module: (start, end) pairs. */
  encodedRuns(n: number, minRun: number): number[] {
    const runs: number[] = [];
    const step = Math.max(1, minRun);
    for (let last = -1; ; ) {
      const k = this.runsFn(last, n, step, INPUT_AT, RUNS_AT, RUNS_CAP);
      const found = new Int32Array(this.memory.buffer, RUNS_AT, k * 2);
      for (let j = 0; j < found.length; j++) runs.push(found[j] as number);
      if (k < RUNS_CAP) return runs;
      last = found[found.length - 1] as number;
    }
  }

  private views(): void {
    this.input = new Uint8Array(this.memory.buffer, INPUT_AT);
    this.out = new Int32Array(this.memory.buffer, OUT_AT, CAP);
  }
}

/** The WebAssembly candidate loop over these tables; undefined where WebAssembly cannot run it. */
export function wasmCandidates(bits: Int32Array, bits2: Int32Array, pairs: Uint8Array): WasmCandidates | undefined {
  if (api === undefined) return undefined;
  try {
    return new WasmCandidates(api, bits, bits2, pairs);
  } catch {
    return undefined; // the JavaScript loop finds the same
  }
}
