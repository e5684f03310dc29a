#!/usr/bin/env node
import * as nodeModule from "node:module";

// Cache V8's compiled code between runs (Node >= 22.1): start-up is most of a small command's time.
// The program is imported only after this line, so that its modules are compiled with the cache on.
nodeModule.enableCompileCache?.();
const { processIO } = await import("./io.js");
const { run } = await import("./program.js");
process.exitCode = await run(process.argv.slice(2), processIO());
