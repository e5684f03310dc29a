import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mapDenyToml } from "./deny-toml.js";
import { loadPolicy } from "./load.js";

const fixtures = new URL("../../../../test/fixtures/policy/", import.meta.url).pathname;

describe("deny.toml", () => {
  it("maps licenses with cargo-deny's meaning: unlisted licenses are denied", async () => {
    const { policy, format } = await loadPolicy("deny.toml", { cwd: fixtures });
    expect(format).toBe("cargo-deny");
    expect(policy.licenses.allow).toContain("Apache-2.0 WITH LLVM-exception");
    expect(policy.licenses.unknown).toBe("deny");
    expect(policy.licenses.exceptions).toEqual([
      { package: "adler32", ecosystem: "crates.io", allow: ["Zlib"], reason: "listed in deny.toml without a reason" },
      {
        package: "webpki-roots",
        ecosystem: "crates.io",
        allow: ["MPL-2.0"],
        reason: "listed in deny.toml without a reason",
      },
    ]);
    expect(policy.licenses.clarify[0]).toMatchObject({ package: "ring", expression: "MIT AND ISC AND OpenSSL" });
  });

  it("maps bans with version ranges, wrappers, reasons and replacements", async () => {
    const { policy } = await loadPolicy("deny.toml", { cwd: fixtures });
    expect(policy.bans.deny).toEqual([
      { name: "openssl", ecosystem: "crates.io", reason: "listed in deny.toml without a reason" },
      { name: "git2", ecosystem: "crates.io", version: "<0.18", reason: "old libgit2" },
      {
        name: "openssl-sys",
        ecosystem: "crates.io",
        reason: "we use rustls",
        useInstead: "rustls",
        wrappers: ["native-tls"],
      },
    ]);
    expect(policy.bans.multipleVersions).toBe("deny");
    expect(policy.bans.skip).toEqual(["windows-sys", "bitflags"]);
  });

  it("maps advisory ignores with their reasons", async () => {
    const { policy } = await loadPolicy("deny.toml", { cwd: fixtures });
    expect(policy.advisories.ignore).toEqual([
      { id: "RUSTSEC-2020-0168", reason: "listed in deny.toml without a reason" },
      { id: "RUSTSEC-2024-0370", reason: "proc-macro-error is only used at build time" },
    ]);
  });

  it("maps sources: registries, git repositories and organisations", async () => {
    const { policy } = await loadPolicy("deny.toml", { cwd: fixtures });
    expect(policy.sources.registries).toEqual({ "crates.io": ["https://index.example.org/"] });
    expect(policy.sources.git).toEqual({
      hosts: [],
      orgs: ["github.com/EmbarkStudios"],
      repos: ["https://github.com/EmbarkStudios/krates"],
    });
  });

  it("lists the keys it does not apply", async () => {
    const { unmapped } = await loadPolicy("deny.toml", { cwd: fixtures });
    expect(unmapped).toEqual([
      "advisories.version",
      "bans.skip-tree",
      "bans.wildcards",
      "graph",
      "licenses.clarify[].license-files",
      "licenses.confidence-threshold",
      "licenses.version",
    ]);
  });

  it("is used when a project has no tollgate policy", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tollgate-deny-"));
    writeFileSync(join(dir, "deny.toml"), '[licenses]\nallow = ["MIT"]\n');
    const loaded = await loadPolicy(undefined, { cwd: dir });
    expect([loaded.file, loaded.format, loaded.policy.licenses.allow]).toEqual(["deny.toml", "cargo-deny", ["MIT"]]);
  });

  it("rejects an invalid SPDX expression in deny.toml, naming the key", () => {
    const dir = mkdtempSync(join(tmpdir(), "tollgate-deny-"));
    writeFileSync(join(dir, "deny.toml"), '[licenses]\nallow = ["Apache 2"]\n');
    return expect(loadPolicy(undefined, { cwd: dir })).rejects.toThrow(
      /^licenses\.allow\[0\]: "Apache 2" is not a valid SPDX/,
    );
  });

  it("reports TOML syntax errors with their line", () => {
    expect(() => mapDenyToml('[licenses]\nallow = ["MIT"\n', "deny.toml")).toThrow(
      expect.objectContaining({ code: "POLICY_DENY_TOML", location: expect.objectContaining({ file: "deny.toml" }) }),
    );
  });
});
