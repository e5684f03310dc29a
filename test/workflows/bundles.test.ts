import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { withoutRegistryKeysSeed } from "../../scripts/bundle-actions.mjs";

describe("action bundles", () => {
  it("drop the registry keys target cached by @sigstore/tuf and keep its seeds valid JSON", () => {
    const seeds =
      '{"https://tuf.example":{"root.json":"cm9vdA==","targets":{"trusted_root.json":"dHI=","registry.example.org%2Fkeys.json":"a2V5cw=="}}}';
    const stripped = withoutRegistryKeysSeed(seeds);
    expect(JSON.parse(stripped)).toEqual({
      "https://tuf.example": { "root.json": "cm9vdA==", targets: { "trusted_root.json": "dHI=" } },
    });
  });

  it("carry no cached registry keys target", () => {
    for (const name of readdirSync("actions")) {
      const code = readFileSync(`actions/${name}/dist/index.js`, "utf8");
      expect(code.match(/"registry\.[a-z]+\.org%2Fkeys\.json"/), name).toBeNull();
    }
  });
});
