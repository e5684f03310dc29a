import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  // Vite warns about every inlined dependency whose source maps point at unpublished files.
  logLevel: "error",
  resolve: {
    // Tests run against the sources of sibling packages, so no build is needed first.
    alias: [{ find: /^@tollgate\/([a-z-]+)$/, replacement: `${root}packages/$1/src/index.ts` }],
  },
  test: {
    include: ["packages/*/src/**/*.test.ts", "actions/*/src/**/*.test.ts", "test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // workflow-parser imports its JSON schemas without import attributes, which Node rejects;
    // inlining lets Vite load them.
    server: { deps: { inline: ["@actions/workflow-parser"] } },
  },
});
