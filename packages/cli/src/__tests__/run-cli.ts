import type { CliIO } from "../io.js";
import { run } from "../program.js";

/** What one `tollgate` run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tollgate args` in-process in `cwd` with `env`, capturing stdout and stderr (not a TTY). */
export async function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    cwd,
    env,
    isTTY: false,
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
