export type { PolicyErrorCode, PolicyIssue } from "./errors.js";
export { PolicyError } from "./errors.js";
export type { LoadedPolicy, LoadPolicyOptions } from "./file/load.js";
export { defaultPolicy, findPolicyFile, loadPolicy, POLICY_FILE_NAMES, parsePolicy } from "./file/load.js";
export type { Policy, PolicyFile } from "./file/schema.js";
export { policyFileSchema, policyJsonSchema } from "./file/schema.js";
export { durationMs, isIsoDate, isSpdxExpression } from "./file/validators.js";
