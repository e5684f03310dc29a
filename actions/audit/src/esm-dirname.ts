// Bundled CommonJS dependencies (the CycloneDX library under @tollgate/sbom) read `__dirname`,
// which an ES module bundle does not define; this must be the first import of main.ts.
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";

(globalThis as { __dirname?: string }).__dirname ??= dirname(fileURLToPath(import.meta.url));
