import type { Command } from "commander";
import type { ExitCode } from "./exit-codes.js";
import type { CliIO } from "./io.js";

/**
 * One `tollgate <name>` command. `register` declares its options on the
 * commander `Command` it is given and sets `action` to a function that resolves
 * to the exit code; the program wiring turns thrown errors into exit 2.
 */
export interface CommandModule {
  register(program: Command, io: CliIO, setExit: (code: ExitCode) => void): void;
}
