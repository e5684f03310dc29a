import type { CommandModule } from "../command.js";

/** Every `tollgate` command, in the order `--help` lists them. Add one line per command. */
export const commands: CommandModule[] = [];
