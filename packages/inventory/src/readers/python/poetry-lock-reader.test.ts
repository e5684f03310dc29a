import { describe, expect, it } from "vitest";
import {
  assertOnlyTypedErrors,
  byPurl,
  corpus,
  edgesFrom,
  readProject,
  readString,
  rejection,
} from "../__tests__/text-harness.js";
import { poetryLockReader } from "./poetry-lock-reader.js";

async function poetry(name = "python-poetry__poetry") {
  return readProject(poetryLockReader, {
    "poetry.lock": await corpus(`python-poetry/${name}__poetry.lock`),
    "pyproject.toml": await corpus(`python-poetry/${name}__pyproject.toml`),
  });
}

const GIT_CORE =
  "pkg:pypi/poetry-core@2.4.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpython-poetry%2Fpoetry-core.git%40e3998b0e111dc03e4aa721fd054c48e5c7de6fc5";

/** A Poetry 1.x lockfile: `category` instead of groups, hashes in [metadata.files]. */
const POETRY_1 = `[[package]]
name = "Flask"
version = "1.1.2"
description = "A simple framework for building complex web applications."
category = "main"
optional = false
python-versions = ">=2.7"

[package.dependencies]
click = ">=5.1"

[[package]]
name = "click"
version = "7.1.2"
description = "Composable command line interface toolkit"
category = "main"
optional = false
python-versions = ">=2.7"

[[package]]
name = "pytest"
version = "6.2.5"
description = "pytest: simple powerful testing with Python"
category = "dev"
optional = false
python-versions = ">=3.6"

[metadata]
lock-version = "1.1"
python-versions = "^3.8"
content-hash = "9f2c1e1c0f4a0d7b8a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071"

[metadata.files]
click = [
    {file = "click-7.1.2-py2.py3-none-any.whl", hash = "sha256:dacca89f4bfadd5de3d7489b7c8a566eee0d3676333fbb50030263894c38c0dc"},
]
flask = []
pytest = []
`;

describe("poetryLockReader", () => {
  it("reads every [[package]] and the root named by pyproject.toml (Poetry 2.x)", async () => {
    const graph = await poetry();
    expect(graph.components).toHaveLength(79);
    expect(byPurl(graph, "pkg:pypi/poetry@2.5.0.dev0").role).toBe("root");
  });

  it("keeps the sha256 of every file as a hash", async () => {
    const anyio = byPurl(await poetry(), "pkg:pypi/anyio@4.13.0");
    expect(anyio.hashes).toEqual([
      { alg: "SHA-256", content: "08b310f9e24a9594186fd75b4f73f4a4152069e3853f1ed8bfbf58369f4ad708" },
      { alg: "SHA-256", content: "334b70e641fd2221c1505b3890c69882fe4a2df910cba14d97019b90b24439dc" },
    ]);
    expect(anyio.locations).toEqual([{ file: "poetry.lock", line: 3 }]);
  });

  it("turns [package.dependencies] into edges, names normalised", async () => {
    expect(edgesFrom(await poetry(), "pkg:pypi/build@1.5.0")).toEqual([
      "pkg:pypi/colorama@0.4.6 prod",
      "pkg:pypi/importlib-metadata@9.0.0 prod",
      "pkg:pypi/packaging@26.2 prod",
      "pkg:pypi/pyproject-hooks@1.2.0 prod",
      "pkg:pypi/tomli@2.4.1 prod",
    ]);
  });

  it("takes scope from groups: main is required, only other groups is development", async () => {
    const graph = await poetry();
    expect(byPurl(graph, "pkg:pypi/anyio@4.13.0").scope).toBe("required");
    expect(byPurl(graph, "pkg:pypi/pytest@9.0.3").scope).toBe("development");
    expect(graph.components.filter((c) => c.scope === "development")).toHaveLength(25);
  });

  it("links the root to pyproject's dependencies, group ones as dev edges", async () => {
    const edges = edgesFrom(await poetry(), "pkg:pypi/poetry@2.5.0.dev0");
    expect(edges).toHaveLength(35);
    expect(edges).toContain("pkg:pypi/requests@2.33.1 prod");
    expect(edges).toContain("pkg:pypi/pytest@9.0.3 dev");
    expect(edges).toContain(`${GIT_CORE} prod`);
  });

  it("records a git source with the resolved commit", async () => {
    expect(byPurl(await poetry(), GIT_CORE).source).toEqual({
      type: "git",
      url: "https://github.com/python-poetry/poetry-core.git#e3998b0e111dc03e4aa721fd054c48e5c7de6fc5",
    });
  });

  it("reads a PEP 621 [project] root with Poetry groups (osv.dev)", async () => {
    const graph = await poetry("google__osv.dev");
    expect(graph.components).toHaveLength(64);
    expect(edgesFrom(graph, "pkg:pypi/osv@0.1.2")).toHaveLength(20);
    expect(graph.warnings).toEqual([]);
  });

  it("reads Poetry 1.x: category as scope and hashes from [metadata.files]", async () => {
    const graph = await readString(poetryLockReader, "poetry.lock", POETRY_1);
    expect(byPurl(graph, "pkg:pypi/pytest@6.2.5").scope).toBe("development");
    expect(byPurl(graph, "pkg:pypi/click@7.1.2").hashes).toEqual([
      { alg: "SHA-256", content: "dacca89f4bfadd5de3d7489b7c8a566eee0d3676333fbb50030263894c38c0dc" },
    ]);
    expect(edgesFrom(graph, "pkg:pypi/flask@1.1.2")).toEqual(["pkg:pypi/click@7.1.2 prod"]);
  });

  it("without pyproject.toml links the root to the packages nothing depends on", async () => {
    const graph = await readString(poetryLockReader, "poetry.lock", POETRY_1);
    expect(edgesFrom(graph, "pkg:pypi/project")).toEqual(["pkg:pypi/flask@1.1.2 prod", "pkg:pypi/pytest@6.2.5 dev"]);
  });

  it("warns about a pyproject dependency the lock lacks", async () => {
    const graph = await readString(poetryLockReader, "poetry.lock", POETRY_1, {
      "pyproject.toml": '[project]\nname = "app"\ndependencies = ["flask", "Django>=4"]\n',
    });
    expect(graph.warnings).toEqual([
      {
        code: "LOCKFILE_OUT_OF_SYNC",
        message: "pyproject.toml declares django, which poetry.lock does not lock; re-lock the project",
        location: { file: "poetry.lock" },
      },
    ]);
  });
});

describe("poetryLockReader on bad input", () => {
  it("rejects an unknown lock-version naming the supported ones", async () => {
    const error = await rejection(readString(poetryLockReader, "poetry.lock", '[metadata]\nlock-version = "3.0"\n'));
    expect(error.code).toBe("LOCKFILE_VERSION");
    expect(error.message).toContain("lock-version 1.x and 2.x");
  });

  it("names line and column of a TOML error", async () => {
    const error = await rejection(readString(poetryLockReader, "poetry.lock", '[[package]]\nname = "a"\nname = "b"\n'));
    expect(error.code).toBe("LOCKFILE_PARSE");
    expect(error.location?.line).toBe(3);
    expect(error.location?.column).toBeGreaterThan(0);
  });

  it("throws nothing but InventoryError on arbitrary or damaged text", async () => {
    await assertOnlyTypedErrors(poetryLockReader, "poetry.lock", POETRY_1);
  });
});
