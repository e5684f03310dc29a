import { createHash } from "node:crypto";
import type { GateResult } from "./gate-result.js";
import { overallVerdict } from "./gate-result.js";

/** A file the gate looked at, with its digest. */
export interface DigestedFile {
  path: string;
  sha256: string;
}

/** The gate record: what was checked, against which policy, with which data, and the verdict. */
export interface GateRecord {
  _type: "https://tollgate.dev/gate-record/v1";
  tollgate: { version: string };
  mode: "high-assurance" | "developer";
  policy: { file: string | null; sha256: string | null };
  startedAt: string;
  finishedAt: string;
  inputs: { lockfiles: DigestedFile[]; artifacts: DigestedFile[]; sboms: DigestedFile[] };
  advisoryData: { source: string; detail: string } | null;
  gates: Array<Pick<GateResult, "name" | "verdict" | "counts"> & { note?: string }>;
  /** Every request the tool made (host, path, status), for auditing the tool's own egress. */
  egress: Array<{ method: string; host: string; path: string; status: number | string }>;
  verdict: "pass" | "fail";
  /** sha256 of the canonical JSON of this record without this field. */
  sha256: string;
}

export type GateRecordInput = Omit<GateRecord, "_type" | "gates" | "verdict" | "sha256"> & { gates: GateResult[] };

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** JSON with keys sorted at every level: the form the record's digest is taken over. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

const byPath = (a: DigestedFile, b: DigestedFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** Builds the record with its inputs sorted, the overall verdict derived from the gates, and its own digest. */
export function buildRecord(input: GateRecordInput): GateRecord {
  const body: Omit<GateRecord, "sha256"> = {
    _type: "https://tollgate.dev/gate-record/v1",
    tollgate: input.tollgate,
    mode: input.mode,
    policy: input.policy,
    startedAt: input.startedAt,
    finishedAt: input.finishedAt,
    inputs: {
      lockfiles: [...input.inputs.lockfiles].sort(byPath),
      artifacts: [...input.inputs.artifacts].sort(byPath),
      sboms: [...input.inputs.sboms].sort(byPath),
    },
    advisoryData: input.advisoryData,
    gates: input.gates.map((g) => ({
      name: g.name,
      verdict: g.verdict,
      counts: g.counts,
      ...(g.note ? { note: g.note } : {}),
    })),
    egress: input.egress,
    verdict: overallVerdict(input.gates),
  };
  return { ...body, sha256: createHash("sha256").update(canonicalJson(body)).digest("hex") };
}

/** True when the record's `sha256` matches its content (nothing was edited after it was written). */
export function verifyRecordDigest(record: GateRecord): boolean {
  const { sha256, ...body } = record;
  return createHash("sha256").update(canonicalJson(body)).digest("hex") === sha256;
}
