/**
 * Module hooks that let plain Node (type stripping) run the TypeScript loopback servers outside vitest: a relative
 * `./x.js` import from a `.ts` file resolves to `./x.ts` when that exists, as the project's sources are written.
 * Use: node --import ./test/servers/ts-hooks.ts <entry>.ts
 */
import { existsSync } from "node:fs";
import { registerHooks } from "node:module";
import { fileURLToPath } from "node:url";

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith(".") && specifier.endsWith(".js") && context.parentURL?.endsWith(".ts")) {
      const url = new URL(`${specifier.slice(0, -3)}.ts`, context.parentURL);
      if (existsSync(fileURLToPath(url))) return nextResolve(url.href, context);
    }
    return nextResolve(specifier, context);
  },
});
