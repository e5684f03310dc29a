import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PolicyError } from "../errors.js";
import { defaultPolicy, findPolicyFile, loadPolicy, parsePolicy } from "./load.js";
import { policyJsonSchema } from "./schema.js";

const fixtures = new URL("../../../../test/fixtures/policy/", import.meta.url).pathname;

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-policy-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function rejection(text: string): PolicyError {
  try {
    parsePolicy(text, "tollgate.yml");
  } catch (error) {
    if (error instanceof PolicyError) return error;
    throw error;
  }
  throw new Error("the policy was accepted");
}

describe("loadPolicy", () => {
  it("reads a complete policy into camelCase keys with the file's SHA-256", async () => {
    const loaded = await loadPolicy("tollgate.yml", { cwd: fixtures });
    expect(loaded.file).toBe("tollgate.yml");
    expect(loaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(loaded.policy.bans.deny[0]).toEqual({
      name: "request",
      ecosystem: "npm",
      reason: "deprecated and unmaintained",
      useInstead: "undici",
    });
    expect(loaded.policy.sources.registries.npm).toEqual(["https://registry.example.org/"]);
    expect(loaded.policy.advisories.failOnSeverity).toBe("moderate");
  });

  it("returns the high-assurance defaults without a file when the project has none", async () => {
    const loaded = await loadPolicy(undefined, { cwd: project({}) });
    expect(loaded).toEqual({ policy: defaultPolicy() });
    expect(loaded.policy.mode).toBe("high-assurance");
    expect(loaded.policy.licenses.unknown).toBe("deny");
    expect(loaded.policy.yanked).toBe("deny");
  });

  it("relaxes the mode-dependent defaults in developer mode", () => {
    const policy = parsePolicy("version: 1\nmode: developer\n", "tollgate.yml");
    expect(policy.licenses.unknown).toBe("warn");
    expect(policy.yanked).toBe("warn");
  });

  it("finds .github/tollgate.yml", async () => {
    const dir = project({ ".github/tollgate.yml": "version: 1\nmode: developer\n" });
    expect(findPolicyFile(dir)).toBe(join(dir, ".github/tollgate.yml"));
    expect((await loadPolicy(undefined, { cwd: dir })).file).toBe(".github/tollgate.yml");
  });

  it("refuses to choose between two policy files", () => {
    const dir = project({ "tollgate.yml": "version: 1\n", "tollgate.yaml": "version: 1\n" });
    expect(() => findPolicyFile(dir)).toThrow(/more than one policy file: tollgate.yml, tollgate.yaml/);
  });

  it("names a missing --policy file", async () => {
    await expect(loadPolicy("nope.yml", { cwd: project({}) })).rejects.toMatchObject({
      code: "POLICY_NOT_FOUND",
      location: { file: "nope.yml" },
    });
  });
});

describe("parsePolicy rejects bad input before anything runs", () => {
  it("suggests the nearest key for a misspelt section", () => {
    const error = rejection("version: 1\nlicences:\n  allow: [MIT]\n");
    expect(error.message).toBe("licences: unknown key `licences`; did you mean `licenses`?");
    expect(error.location).toEqual({ file: "tollgate.yml", line: 2, column: 1 });
  });

  it("suggests the kebab-case spelling of a camelCase key", () => {
    const error = rejection("version: 1\nbans:\n  deny:\n    - name: x\n      reason: y\n      useInstead: z\n");
    expect(error.issues[0]).toEqual({
      key: "bans.deny[0].useInstead",
      message: "unknown key `useInstead`; did you mean `use-instead`?",
      line: 6,
      column: 7,
    });
  });

  it("lists the valid keys when nothing is close", () => {
    const error = rejection("version: 1\nnetwork:\n  zzzzzzzz: true\n");
    expect(error.message).toBe("network.zzzzzzzz: unknown key `zzzzzzzz`; valid keys here: offline, allow");
  });

  it("rejects a wrong type at its line", () => {
    const error = rejection("version: 1\nnetwork:\n  offline: yes please\n");
    expect(error.issues[0]).toMatchObject({ key: "network.offline", line: 3 });
    expect(error.message).toMatch(/expected boolean/);
  });

  it("rejects an invalid SPDX expression naming the entry", () => {
    const error = rejection('version: 1\nlicenses:\n  allow: [MIT, "Apache 2"]\n');
    expect(error.issues[0]).toMatchObject({ key: "licenses.allow[1]", line: 3, column: 16 });
    expect(error.message).toMatch(/"Apache 2" is not a valid SPDX license expression/);
  });

  it("rejects a date that does not exist", () => {
    const error = rejection(
      "version: 1\nadvisories:\n  ignore:\n    - id: X\n      reason: r\n      expires: 2026-02-30\n",
    );
    expect(error.issues[0]).toMatchObject({ key: "advisories.ignore[0].expires", line: 6 });
  });

  it("requires an expiry on ignored advisories in high-assurance mode only", () => {
    const ignore = "advisories:\n  ignore:\n    - id: GHSA-1\n      reason: r\n";
    expect(rejection(`version: 1\n${ignore}`).message).toBe(
      "advisories.ignore[0].expires: ignoring GHSA-1 needs an expiry date (expires: YYYY-MM-DD) in high-assurance mode",
    );
    expect(parsePolicy(`version: 1\nmode: developer\n${ignore}`, "f").advisories.ignore).toHaveLength(1);
  });

  it("requires a non-empty reason on every exception", () => {
    const text = "version: 1\nlicenses:\n  exceptions:\n    - package: a\n      allow: [MIT]\n      reason: ''\n";
    expect(rejection(text).issues[0]).toMatchObject({ key: "licenses.exceptions[0].reason", line: 6 });
  });

  it("requires version: 1", () => {
    expect(rejection("mode: developer\n").issues[0]?.key).toBe("version");
  });

  it("reports YAML syntax errors with their line", () => {
    const error = rejection("version: 1\nlicenses:\n  allow: [MIT\n");
    expect(error.code).toBe("POLICY_SYNTAX");
    expect(error.location).toEqual({ file: "tollgate.yml", line: 4, column: 1 });
  });

  it("rejects a duplicated key", () => {
    expect(rejection("version: 1\nmode: developer\nmode: developer\n").code).toBe("POLICY_SYNTAX");
  });

  it("counts the further problems in the message", () => {
    expect(rejection("version: 2\nmode: lax\n").message).toMatch(/\(and 1 more problem\)$/);
  });
});

describe("policyJsonSchema", () => {
  it("describes the file as written, closed to unknown keys", () => {
    const schema = policyJsonSchema() as {
      properties: Record<string, { additionalProperties?: boolean }>;
      additionalProperties: boolean;
    };
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties).sort()).toEqual([
      "advisories",
      "bans",
      "deprecated",
      "licenses",
      "mode",
      "network",
      "secrets",
      "sources",
      "version",
      "yanked",
    ]);
    expect(schema.properties.bans?.additionalProperties).toBe(false);
  });
});
