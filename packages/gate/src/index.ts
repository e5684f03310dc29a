export type { GateResult, Verdict } from "./gate-result.js";
export { overallVerdict } from "./gate-result.js";
export type { DigestedFile, GateRecord, GateRecordInput } from "./record.js";
export { buildRecord, canonicalJson, verifyRecordDigest } from "./record.js";
export type { GateStage, RunGateOptions } from "./run-gate.js";
export { runGate } from "./run-gate.js";
export type { SummaryOptions } from "./summary.js";
export { renderMermaid, renderSummary } from "./summary.js";
