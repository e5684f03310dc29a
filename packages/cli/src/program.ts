import { formatError } from "@tollgate/errors";
import { Command, CommanderError, Help } from "commander";
import { commandsFor, commandTerm } from "./commands/index.js";
import { ExitCode } from "./exit-codes.js";
import type { CliIO } from "./io.js";
import { version } from "./version.js";

/** Runs `tollgate` with `argv` (without node and script) and resolves to the exit code. */
export async function run(argv: string[], io: CliIO): Promise<ExitCode> {
  let exit: ExitCode = ExitCode.Pass;
  const program: Command = new Command("tollgate")
    .description("Supply-chain release gate: SBOMs, advisories, policy, secrets, signing and provenance.")
    .version(version, "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .configureHelp({
      // Commands listed without loading them have no options or arguments registered: their line comes from the table.
      subcommandTerm(this: Help, command: Command): string {
        const listed = command.parent === program ? commandTerm(command.name()) : undefined;
        return listed ?? Help.prototype.subcommandTerm.call(this, command);
      },
    })
    .showHelpAfterError("(run with --help for usage)");
  for (const command of await commandsFor(argv)) {
    command.register(program, io, (code) => {
      exit = code;
    });
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return exit;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through exitOverride with code 0.
      return error.exitCode === 0 ? ExitCode.Pass : ExitCode.Error;
    }
    io.stderr(`tollgate: ${formatError(error)}\n`);
    return ExitCode.Error;
  }
}
