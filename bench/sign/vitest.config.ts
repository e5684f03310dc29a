import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** Runs the signing benchmark (never part of `npm test`): npx vitest run --config bench/sign/vitest.config.ts */
export default defineConfig({
  resolve: { alias: [{ find: /^@tollgate\/([a-z-]+)$/, replacement: `${root}packages/$1/src/index.ts` }] },
  test: { root, include: ["bench/sign/*.bench-run.ts"], testTimeout: 600_000, hookTimeout: 60_000, pool: "forks" },
});
