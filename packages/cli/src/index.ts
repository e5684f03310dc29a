export type { CommandModule } from "./command.js";
export { ExitCode } from "./exit-codes.js";
export type { CliIO } from "./io.js";
export { processIO } from "./io.js";
export { run } from "./program.js";
