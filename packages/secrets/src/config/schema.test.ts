import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSecretsConfig } from "./load.js";
import { limitsFrom, secretsConfigSchema } from "./schema.js";

describe("secretsConfigSchema", () => {
  it("fills defaults: decode depth 2, default limits, unscanned fails", () => {
    const config = secretsConfigSchema.parse({});
    expect([config["decode-depth"], config.unscanned, config.allow]).toEqual([2, "fail", []]);
    expect(limitsFrom(config).maxDepth).toBe(5);
  });

  it("maps the policy's limits", () => {
    const config = secretsConfigSchema.parse({
      limits: { "max-depth": 2, "max-ratio": 50, "max-members": 10, "max-file-bytes": 100, "max-total-bytes": 1000 },
    });
    expect(limitsFrom(config)).toEqual({
      maxDepth: 2,
      maxRatio: 50,
      maxMembers: 10,
      maxFileBytes: 100,
      maxTotalBytes: 1000,
    });
  });

  it.each([
    [{ allow: [{ path: "test/**" }] }, "reason"],
    [{ allow: [{ path: "a", regex: "b", reason: "r" }] }, "exactly one"],
    [{ allow: [{ regex: "(", reason: "r" }] }, "regular expression"],
    [{ unscanned: "ignore" }, "unscanned"],
    [{ "decode-depth": 9 }, "decode-depth"],
  ])("rejects %j", (value, message) => {
    const parsed = secretsConfigSchema.safeParse(value);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain(message);
  });
});

describe("loadSecretsConfig", () => {
  it("reads the secrets: section and names the line of an invalid entry", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tollgate-policy-"));
    const file = join(dir, "tollgate.yml");
    await writeFile(
      file,
      "licenses:\n  allow: [MIT]\nsecrets:\n  allow:\n    - path: fixtures/**\n      reason: fake keys\n    - stopword: example\n",
    );
    await expect(loadSecretsConfig(file)).rejects.toMatchObject({
      code: "SECRETS_BAD_CONFIG",
      location: { file, line: 7 },
    });
    await writeFile(file, "secrets:\n  decode-depth: 1\n  allow:\n    - path: fixtures/**\n      reason: fake keys\n");
    expect((await loadSecretsConfig(file))["decode-depth"]).toBe(1);
  });
});
