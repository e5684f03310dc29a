import { ExitCode } from "./exit-codes.js";

/** Where a command writes: injected so tests capture output instead of patching process streams. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** True when stderr is a terminal (progress bars only then). */
  isTTY: boolean;
}

/** The IO of the running process. */
export function processIO(): CliIO {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    // The reader stopped reading (`tollgate sbom --output - | head`): what was not written is lost, so
    // this is not a success, but neither is it a crash with a stack trace.
    process.stderr.write("tollgate: standard output was closed before everything was written to it [EPIPE]\n");
    process.exit(ExitCode.Error);
  });
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
  };
}
