import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readInventory } from "@tollgate/inventory";
import { evaluatePolicy, gatherFacts, parsePolicy } from "@tollgate/policy";
import { describe, expect, it } from "vitest";
import { LOCKFILES } from "./helpers.js";

async function ripgrep() {
  const dir = mkdtempSync(join(tmpdir(), "tollgate-cargo-"));
  copyFileSync(join(LOCKFILES, "cargo", "BurntSushi__ripgrep__Cargo.lock"), join(dir, "Cargo.lock"));
  copyFileSync(join(LOCKFILES, "cargo", "BurntSushi__ripgrep__Cargo.toml"), join(dir, "Cargo.toml"));
  return { dir, graph: await readInventory(dir) };
}

describe("crate licenses from sources on disk", () => {
  it("reads vendored and registry-cached Cargo.toml files of the locked version", async () => {
    const { dir, graph } = await ripgrep();
    const memchr = graph.components.find((c) => c.name === "memchr" && c.role === "dependency");
    const regex = graph.components.find((c) => c.name === "regex" && c.role === "dependency");
    if (!memchr || !regex) throw new Error("ripgrep's lockfile pins memchr and regex");
    mkdirSync(join(dir, "vendor", "memchr"), { recursive: true });
    writeFileSync(
      join(dir, "vendor", "memchr", "Cargo.toml"),
      `[package]\nname = "memchr"\nversion = "${memchr.version}"\nlicense = "Unlicense OR MIT"\n`,
    );
    const cargoHome = mkdtempSync(join(tmpdir(), "tollgate-cargo-home-"));
    const cached = join(cargoHome, "registry", "src", "index.example.org-1949cf8c6b5b557f", `regex-${regex.version}`);
    mkdirSync(cached, { recursive: true });
    writeFileSync(
      join(cached, "Cargo.toml"),
      `[package]\nname = "regex"\nversion = "${regex.version}"\nlicense = "MIT OR Apache-2.0"\n`,
    );
    const facts = await gatherFacts(graph, { dir, env: { CARGO_HOME: cargoHome } });
    expect(facts.get(memchr.id)).toEqual({ license: "Unlicense OR MIT", origin: "vendor/memchr/Cargo.toml" });
    expect(facts.get(regex.id)).toEqual({
      license: "MIT OR Apache-2.0",
      origin: `$CARGO_HOME/registry/src/index.example.org-1949cf8c6b5b557f/regex-${regex.version}/Cargo.toml`,
    });
    const report = evaluatePolicy(graph, parsePolicy("version: 1\nlicenses:\n  allow: [MIT]\n", "tollgate.yml"), {
      facts,
    });
    const judged = report.findings.filter((f) => f.package === "memchr" || f.package === "regex");
    expect(judged).toEqual([]);
  });

  it("ignores a vendored crate of another version", async () => {
    const { dir, graph } = await ripgrep();
    const memchr = graph.components.find((c) => c.name === "memchr" && c.role === "dependency");
    mkdirSync(join(dir, "vendor", "memchr"), { recursive: true });
    writeFileSync(
      join(dir, "vendor", "memchr", "Cargo.toml"),
      '[package]\nname = "memchr"\nversion = "0.0.1"\nlicense = "MIT"\n',
    );
    const facts = await gatherFacts(graph, { dir, env: { CARGO_HOME: join(dir, "no-cargo-home") } });
    expect(memchr && facts.get(memchr.id)).toBeUndefined();
  });
});
