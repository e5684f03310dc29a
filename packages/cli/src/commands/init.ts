import { resolve } from "node:path";
import { initRepository } from "@tollgate/gate";
import type { CommandModule } from "../command.js";
import { ExitCode } from "../exit-codes.js";

/** `tollgate init [DIR]`: a commented starter policy and the release and pull-request workflows. */
export const initCommand: CommandModule = {
  register(program, io, setExit) {
    program
      .command("init")
      .description("write a commented tollgate.yml and the release and pull-request workflows into a repository")
      .argument("[dir]", "the repository to set up", ".")
      .option("--ref <ref>", "the Tollgate ref the workflows use (pin a commit SHA for releases)", "v1")
      .option("--force", "overwrite files that already exist", false)
      .action(async (dir: string, options: { ref: string; force: boolean }) => {
        const result = await initRepository({ dir: resolve(io.cwd, dir), ref: options.ref, force: options.force });
        io.stdout(
          `ecosystems detected: ${result.ecosystems.join(", ") || "none"}\n${result.written.map((f) => `wrote ${f}`).join("\n")}\n`,
        );
        setExit(ExitCode.Pass);
      });
  },
};
