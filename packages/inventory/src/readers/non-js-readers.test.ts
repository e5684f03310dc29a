import { cp, mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Ecosystem, LockfileFormat } from "../model.js";
import { readInventory } from "../read-inventory.js";
import { corpus, HANDMADE } from "./__tests__/text-harness.js";

/** One project per non-JavaScript format, laid out under its real file names in one tree. */
async function monorepo(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "tollgate-mono-"));
  const put = async (dir: string, name: string, from: string) => {
    await mkdir(join(root, dir), { recursive: true });
    await writeFile(join(root, dir, name), await corpus(from));
  };
  await put("rust", "Cargo.lock", "cargo/BurntSushi__ripgrep__Cargo.lock");
  await put("rust", "Cargo.toml", "cargo/BurntSushi__ripgrep__Cargo.toml");
  await put("go", "go.mod", "go/spf13__cobra__go.mod");
  await put("go", "go.sum", "go/spf13__cobra__go.sum");
  await put("py/poetry", "poetry.lock", "python-poetry/google__osv.dev__poetry.lock");
  await put("py/uv", "uv.lock", "python-uv/pydantic__pydantic__uv.lock");
  await put("py/pipenv", "Pipfile.lock", "python-pipenv/ossf__osv-schema__tools_ghsa_Pipfile.lock");
  await put("py/pip", "requirements.txt", "python-requirements/pypa__gh-action-pypi-publish__requirements_runtime.txt");
  await put("docs", "Gemfile.lock", "ruby/google__osv.dev__docs_Gemfile.lock");
  await put("php", "composer.lock", "php/koel__koel__composer.lock");
  await put(
    "dotnet",
    "packages.lock.json",
    "dotnet/google__osv-scalibr__extractor_filesystem_language_dotnet_packageslockjson_testdata_valid_packages.lock.json",
  );
  await cp(join(HANDMADE, "gradle-kotlin-app"), join(root, "jvm"), { recursive: true });
  // Vendored copies are never read.
  await put("vendor/x", "Cargo.lock", "cargo/EmbarkStudios__cargo-deny__Cargo.lock");
  return root;
}

describe("the non-JavaScript readers in readInventory", () => {
  it("finds and reads every format in one tree with the default readers", async () => {
    const graph = await readInventory(await monorepo());
    expect(graph.lockfiles.map((l): [string, LockfileFormat, Ecosystem] => [l.path, l.format, l.ecosystem])).toEqual([
      ["docs/Gemfile.lock", "gemfile-lock", "RubyGems"],
      ["dotnet/packages.lock.json", "nuget-lock", "NuGet"],
      ["go/go.mod", "go-mod", "Go"],
      ["jvm/gradle.lockfile", "gradle-lockfile", "Maven"],
      ["php/composer.lock", "composer-lock", "Packagist"],
      ["py/pip/requirements.txt", "requirements-txt", "PyPI"],
      ["py/pipenv/Pipfile.lock", "pipfile-lock", "PyPI"],
      ["py/poetry/poetry.lock", "poetry-lock", "PyPI"],
      ["py/uv/uv.lock", "uv-lock", "PyPI"],
      ["rust/Cargo.lock", "cargo-lock", "crates.io"],
    ]);
    expect(graph.components.filter((c) => c.role === "root")).toHaveLength(10);
    expect(graph.edges.filter((e) => e.from === "tollgate:root")).toHaveLength(10);
  });

  it("gives the same graph twice (deterministic)", async () => {
    const dir = await monorepo();
    expect(JSON.stringify(await readInventory(dir))).toBe(JSON.stringify(await readInventory(dir)));
  });

  it("leaves development components out with omit", async () => {
    const dir = await monorepo();
    const all = await readInventory(dir);
    const prod = await readInventory(dir, { omit: ["development"] });
    expect(prod.components.some((c) => c.scope === "development")).toBe(false);
    expect(all.components.length - prod.components.length).toBe(
      all.components.filter((c) => c.scope === "development").length,
    );
  });
});
