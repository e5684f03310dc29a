import { readFileSync } from "node:fs";
import { starterPolicy } from "@tollgate/gate";
import { parsePolicy, policyJsonSchema } from "@tollgate/policy";
import { describe, expect, it } from "vitest";

describe("the published policy schema", () => {
  it("schema/tollgate.schema.json is the JSON Schema generated from the zod schema", () => {
    const committed = JSON.parse(readFileSync("schema/tollgate.schema.json", "utf8"));
    expect(committed, "run: npm run build && node scripts/write-policy-schema.mjs").toEqual(
      JSON.parse(JSON.stringify(policyJsonSchema())),
    );
  });

  it("the starter policy written by tollgate init is valid and in high-assurance mode", () => {
    const policy = parsePolicy(starterPolicy(["npm", "crates.io"]), "tollgate.yml");
    expect(policy.mode).toBe("high-assurance");
  });
});
