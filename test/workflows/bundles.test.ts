import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
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

  it("import only files that ship beside them (a worker copied without its modules would crash when started)", () => {
    const missing: string[] = [];
    for (const name of readdirSync("actions")) {
      const dist = `actions/${name}/dist`;
      if (!existsSync(dist)) continue;
      for (const file of readdirSync(dist, { recursive: true, encoding: "utf8" })) {
        if (!file.endsWith(".js")) continue;
        const code = readFileSync(join(dist, file), "utf8");
        for (const [, specifier] of code.matchAll(/^\s*(?:import|export)\b[^"'\n]*["'](\.\.?\/[^"']+)["']/gm)) {
          if (!existsSync(join(dist, dirname(file), specifier as string)))
            missing.push(`${dist}/${file} → ${specifier}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
