import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import wabtInit from "wabt";
import { CANDIDATES_WASM } from "./candidates-wasm.js";

describe("candidates-wasm.ts", () => {
  it("holds the module that candidates.wat assembles to (run scripts/build-wasm.mjs after editing the .wat)", async () => {
    const wabt = await wabtInit();
    const source = readFileSync(new URL("candidates.wat", import.meta.url), "utf8");
    const module = wabt.parseWat("candidates.wat", source);
    module.validate();
    expect(Buffer.from(module.toBinary({}).buffer).toString("base64")).toBe(CANDIDATES_WASM);
  });
});
