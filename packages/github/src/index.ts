export { getListInput } from "./action/inputs.js";
export { runAction } from "./action/run-action.js";
export type { BuildSarifOptions, SarifResultInput, SarifRuleInput } from "./sarif/build-sarif.js";
export { buildSarif } from "./sarif/build-sarif.js";
export type { SarifLevel, SarifLog, SarifResult, SarifRule, SarifRun } from "./sarif/sarif-log.js";
