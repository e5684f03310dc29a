#!/usr/bin/env node
import * as nodeModule from "node:module";

// Cache V8's compiled code between runs (Node >= 22.1): start-up is most of a small command's time.
// The program is imported only after this line, so that its modules are compiled with the cache on.
nodeModule.enableCompileCache?.();
const argv = process.argv.slice(2);
const { commandNamed } = await import("./commands/index.js");
const command = commandNamed(argv);
if (command?.v8Flags) {
  const load = nodeModule.createRequire(import.meta.url);
  for (const builtin of command.builtins ?? []) load(builtin);
  // node:v8 takes ~4 ms to load: only commands that set flags pay for it.
  const { setFlagsFromString } = await import("node:v8");
  setFlagsFromString(command.v8Flags);
}
const { processIO } = await import("./io.js");
const { run } = await import("./program.js");
process.exitCode = await run(argv, processIO());
