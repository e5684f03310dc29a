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
import { devOnlyGems } from "./gemfile-groups.js";
import { gemfileLockReader } from "./gemfile-lock-reader.js";

async function docs(name: "google__osv.dev" | "ossf__osv-schema") {
  return readProject(
    gemfileLockReader,
    {
      "Gemfile.lock": await corpus(`ruby/${name}__docs_Gemfile.lock`),
      Gemfile: await corpus(`ruby/${name}__docs_Gemfile`),
    },
    "docs",
  );
}

async function shopfront() {
  const dir = join(HANDMADE, "ruby-git-path-platforms");
  return readProject(gemfileLockReader, {
    "Gemfile.lock": await readFile(join(dir, "Gemfile.lock"), "utf8"),
    Gemfile: await readFile(join(dir, "Gemfile"), "utf8"),
  });
}

describe("gemfileLockReader", () => {
  it("reads every spec line of the GEM section, platform variants as purl qualifiers", async () => {
    const graph = await docs("ossf__osv-schema");
    expect(graph.components.filter((c) => c.role === "dependency")).toHaveLength(110);
    expect(graph.components.filter((c) => c.name === "nokogiri")).toHaveLength(8);
    expect(byPurl(graph, "pkg:gem/nokogiri@1.19.4?platform=x86_64-linux-gnu").version).toBe("1.19.4");
  });

  it("keeps CHECKSUMS as SHA-256 hashes and the gem server as source", async () => {
    const addressable = byPurl(await docs("ossf__osv-schema"), "pkg:gem/addressable@2.9.0");
    expect(addressable.hashes).toEqual([
      { alg: "SHA-256", content: "7fdf6ac3660f7f4e867a0838be3f6cf722ace541dd97767fa42bc6cfa980c7af" },
    ]);
    expect(addressable.source).toEqual({ type: "registry", url: "https://rubygems.org/" });
    expect(addressable.locations).toEqual([{ file: "Gemfile.lock", line: 17 }]);
  });

  it("links the root, named after the directory, to DEPENDENCIES", async () => {
    expect(edgesFrom(await docs("ossf__osv-schema"), "pkg:gem/docs")).toEqual([
      "pkg:gem/github-pages@228 prod",
      "pkg:gem/jekyll-feed@0.15.1 prod",
      "pkg:gem/webrick@1.9.2 prod",
    ]);
  });

  it("turns nested dependency lines into edges", async () => {
    expect(edgesFrom(await docs("google__osv.dev"), "pkg:gem/addressable@2.9.0")).toEqual([
      "pkg:gem/public_suffix@7.0.5 prod",
    ]);
  });

  it("warns about DEPENDENCIES the lock has no spec for (other platforms)", async () => {
    const graph = await docs("google__osv.dev");
    expect(graph.components).toHaveLength(52);
    expect(graph.warnings.map((w) => [w.code, w.location?.line])).toEqual([
      ["GEM_NOT_LOCKED", 131],
      ["GEM_NOT_LOCKED", 132],
      ["GEM_NOT_LOCKED", 133],
    ]);
  });

  it("makes the gem at PATH . the root and keeps its dependencies", async () => {
    const graph = await shopfront();
    expect(byPurl(graph, "pkg:gem/shopfront@0.3.0").role).toBe("root");
    expect(edgesFrom(graph, "pkg:gem/shopfront@0.3.0")).toContain("pkg:gem/rack@3.0.9 prod");
  });

  it("records a GIT gem with its revision as vcs_url", async () => {
    const kaminari = byPurl(
      await shopfront(),
      "pkg:gem/kaminari@1.2.2?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fkaminari%2Fkaminari.git%408dd52a1aed3d2fa2835d836de23fc0d8c4ff5db8",
    );
    expect(kaminari.source).toEqual({
      type: "git",
      url: "https://github.com/kaminari/kaminari.git#8dd52a1aed3d2fa2835d836de23fc0d8c4ff5db8",
    });
  });

  it("links a dependency to each of its platform variants", async () => {
    expect(edgesFrom(await shopfront(), "pkg:gem/rails@7.1.3")).toEqual([
      "pkg:gem/activesupport@7.1.3 prod",
      "pkg:gem/nokogiri@1.16.2?platform=arm64-darwin prod",
      "pkg:gem/nokogiri@1.16.2?platform=x86_64-linux prod",
    ]);
  });

  it("scopes gems the Gemfile puts only in development/test groups as development", async () => {
    const graph = await shopfront();
    expect(byPurl(graph, "pkg:gem/rspec-rails@6.1.1").scope).toBe("development");
    expect(byPurl(graph, "pkg:gem/rubocop@1.60.2").scope).toBe("development");
    expect(byPurl(graph, "pkg:gem/rack@3.0.9").scope).toBe("required");
  });

  it("reads group blocks and group options of a Gemfile", () => {
    const gemfile =
      'gem "a"\ngroup :test do\n  gem "b"\n  platforms :jruby do\n    gem "c"\n  end\nend\ngem "d", groups: [:development, :test]\ngem "a", group: :test\n';
    expect([...devOnlyGems(gemfile)].sort()).toEqual(["b", "c", "d"]);
  });
});

describe("gemfileLockReader on bad input", () => {
  it("names the line of a spec of unexpected shape", async () => {
    const error = await rejection(
      readString(gemfileLockReader, "Gemfile.lock", "GEM\n  remote: x\n  specs:\n    rack (3.0.9)\n   broken\n"),
    );
    expect(error.code).toBe("LOCKFILE_PARSE");
    expect(error.location).toEqual({ file: "Gemfile.lock", line: 5, column: 1 });
  });

  it("throws nothing but InventoryError on arbitrary or damaged text", async () => {
    await assertOnlyTypedErrors(
      gemfileLockReader,
      "Gemfile.lock",
      await corpus("ruby/google__osv.dev__docs_Gemfile.lock"),
    );
  });
});
