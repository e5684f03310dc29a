import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  assertOnlyTypedErrors,
  byPurl,
  corpus,
  edgesFrom,
  HANDMADE,
  readProject,
  readString,
  rejection,
} from "../__tests__/text-harness.js";
import { cargoLockReader } from "./cargo-lock-reader.js";

const RIPGREP = "cargo/BurntSushi__ripgrep__Cargo";

async function ripgrep() {
  return readProject(
    cargoLockReader,
    { "Cargo.lock": await corpus(`${RIPGREP}.lock`), "Cargo.toml": await corpus(`${RIPGREP}.toml`) },
    "ripgrep",
  );
}

describe("cargoLockReader", () => {
  it("reads every [[package]] of a v4 lockfile as one component", async () => {
    const graph = await ripgrep();
    expect(graph.components).toHaveLength(63);
    expect(graph.lockfiles).toEqual([{ path: "Cargo.lock", format: "cargo-lock", ecosystem: "crates.io" }]);
  });

  it("makes the [package] of Cargo.toml the root and the other local crates workspace members", async () => {
    const graph = await ripgrep();
    const root = byPurl(graph, "pkg:cargo/ripgrep@15.2.0");
    expect(root.role).toBe("root");
    expect(byPurl(graph, "pkg:cargo/grep-searcher@0.1.17").role).toBe("workspace");
    expect(graph.components.filter((c) => c.role === "workspace")).toHaveLength(10);
    expect(graph.edges).toContainEqual({ from: "tollgate:root", to: root.id, kind: "prod" });
  });

  it("keeps the registry checksum as a SHA-256 hash, the index as source, and the line", async () => {
    const aho = byPurl(await ripgrep(), "pkg:cargo/aho-corasick@1.1.5");
    expect(aho.hashes).toEqual([
      { alg: "SHA-256", content: "c982642fa9e8606056828ee9a8505737230110bb1099153c79efe865c59d12ba" },
    ]);
    expect(aho.source).toEqual({ type: "registry", url: "https://github.com/rust-lang/crates.io-index" });
    expect(aho.locations).toEqual([{ file: "Cargo.lock", line: 5 }]);
  });

  it("types the root's edges from Cargo.toml: dev-dependencies dev, optional ones optional", async () => {
    const graph = await ripgrep();
    const edges = edgesFrom(graph, "pkg:cargo/ripgrep@15.2.0");
    expect(edges).toHaveLength(14);
    expect(edges).toContain("pkg:cargo/walkdir@2.5.0 dev");
    expect(edges).toContain("pkg:cargo/serde@1.0.229 dev");
    expect(edges).toContain("pkg:cargo/grep-index@0.0.1 optional");
    expect(edges).toContain("pkg:cargo/anyhow@1.0.104 prod");
    expect(edges).toContain("pkg:cargo/tikv-jemallocator@0.7.0 prod");
  });

  it("marks dependencies of the root or a workspace crate direct, and the rest transitive", async () => {
    const graph = await ripgrep();
    expect(byPurl(graph, "pkg:cargo/anyhow@1.0.104").direct).toBe(true);
    expect(byPurl(graph, "pkg:cargo/aho-corasick@1.1.5").direct).toBe(true);
    expect(byPurl(graph, "pkg:cargo/cfg-if@1.0.4").direct).toBe(false);
  });

  it("reads a v3 lockfile", async () => {
    const graph = await readProject(cargoLockReader, {
      "Cargo.lock": await corpus("cargo/BurntSushi__ripgrep@1b6177bc5c__Cargo.lock"),
      "Cargo.toml": await corpus("cargo/BurntSushi__ripgrep@1b6177bc5c__Cargo.toml"),
    });
    expect(graph.components).toHaveLength(68);
    expect(graph.components.filter((c) => c.hashes.length === 1)).toHaveLength(58);
  });

  it("resolves `name version` references when a crate is locked in two versions (cargo-deny)", async () => {
    const graph = await readProject(cargoLockReader, {
      "Cargo.lock": await corpus("cargo/EmbarkStudios__cargo-deny__Cargo.lock"),
      "Cargo.toml": await corpus("cargo/EmbarkStudios__cargo-deny__Cargo.toml"),
    });
    expect(graph.components).toHaveLength(211);
    const lines = (await corpus("cargo/EmbarkStudios__cargo-deny__Cargo.lock")).split("\n");
    const references = lines.filter((l) => /^ "[^"]+",$/.test(l)).length;
    expect(graph.edges.filter((e) => e.from !== "tollgate:root")).toHaveLength(references);
  });
});

describe("cargoLockReader on Cargo.lock v1 (hand-written)", () => {
  async function v1() {
    const dir = join(HANDMADE, "cargo-v1-git-path");
    return readProject(
      cargoLockReader,
      {
        "Cargo.lock": await readFile(join(dir, "Cargo.lock"), "utf8"),
        "Cargo.toml": await readFile(join(dir, "Cargo.toml"), "utf8"),
      },
      "app",
    );
  }

  it("takes checksums from the [metadata] table", async () => {
    const serde = byPurl(await v1(), "pkg:cargo/serde@1.0.100");
    expect(serde.hashes).toEqual([
      { alg: "SHA-256", content: "f4473e8b1a3b2ae0cc0b6e6d2e2b2a8c3e5b7d6f1e2d3c4b5a69788796a5b4c3" },
    ]);
  });

  it("gives a git crate a vcs_url purl qualifier with the commit", async () => {
    const mylib = byPurl(
      await v1(),
      "pkg:cargo/mylib@0.2.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fmylib%400123456789abcdef0123456789abcdef01234567",
    );
    expect(mylib.source).toEqual({
      type: "git",
      url: "git+https://github.com/example/mylib?branch=main#0123456789abcdef0123456789abcdef01234567",
    });
  });

  it("links each dependency string to the exact version it names", async () => {
    const graph = await v1();
    expect(edgesFrom(graph, "pkg:cargo/local-helper@0.1.0")).toEqual(["pkg:cargo/serde@1.0.100 prod"]);
    expect(
      edgesFrom(
        graph,
        byPurl(
          graph,
          "pkg:cargo/mylib@0.2.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fmylib%400123456789abcdef0123456789abcdef01234567",
        ).id,
      ),
    ).toEqual(["pkg:cargo/serde@0.9.15 prod"]);
    expect(byPurl(graph, "pkg:cargo/local-helper@0.1.0").role).toBe("workspace");
  });
});

describe("cargoLockReader on bad input", () => {
  it("names line and column of a TOML syntax error", async () => {
    const error = await rejection(readString(cargoLockReader, "Cargo.lock", 'version = 4\n\n[[package]]\nname = "x\n'));
    expect(error.code).toBe("LOCKFILE_PARSE");
    expect(error.location).toEqual({ file: "Cargo.lock", line: 4, column: 10 });
  });

  it("rejects an unknown version naming the supported ones", async () => {
    const error = await rejection(readString(cargoLockReader, "Cargo.lock", "# x\nversion = 7\n"));
    expect(error.code).toBe("LOCKFILE_VERSION");
    expect(error.message).toContain("version = 3 and version = 4");
    expect(error.location).toEqual({ file: "Cargo.lock", line: 2 });
  });

  it("fails closed on a dependency no [[package]] provides", async () => {
    const text = 'version = 4\n\n[[package]]\nname = "a"\nversion = "1.0.0"\ndependencies = ["ghost"]\n';
    const error = await rejection(readString(cargoLockReader, "Cargo.lock", text));
    expect(error.code).toBe("LOCKFILE_INVALID");
    expect(error.location).toEqual({ file: "Cargo.lock", line: 3 });
  });

  it("makes a virtual workspace's directory the root with an edge to each member", async () => {
    const lock =
      'version = 4\n\n[[package]]\nname = "a"\nversion = "0.1.0"\n\n[[package]]\nname = "b"\nversion = "0.2.0"\ndependencies = ["a"]\n';
    const graph = await readProject(
      cargoLockReader,
      { "Cargo.lock": lock, "Cargo.toml": '[workspace]\nmembers = ["a", "b"]\n' },
      "ws",
    );
    expect(graph.components.map((c) => [c.purl, c.role])).toEqual([
      ["pkg:cargo/a@0.1.0", "workspace"],
      ["pkg:cargo/b@0.2.0", "workspace"],
      ["pkg:cargo/ws", "root"],
    ]);
    expect(edgesFrom(graph, "pkg:cargo/ws")).toEqual(["pkg:cargo/a@0.1.0 prod", "pkg:cargo/b@0.2.0 prod"]);
  });

  it("names the directory as root when there is neither Cargo.toml nor a single local crate", async () => {
    const graph = await readString(cargoLockReader, "Cargo.lock", "version = 4\n");
    expect(graph.components.map((c) => [c.purl, c.role])).toEqual([["pkg:cargo/project", "root"]]);
  });

  it("throws nothing but InventoryError on arbitrary or damaged text", async () => {
    await assertOnlyTypedErrors(cargoLockReader, "Cargo.lock", await corpus(`${RIPGREP}.lock`));
  });
});
