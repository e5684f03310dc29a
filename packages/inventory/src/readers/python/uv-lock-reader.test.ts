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
import { uvLockReader } from "./uv-lock-reader.js";

async function pydantic() {
  return readProject(uvLockReader, {
    "uv.lock": await corpus("python-uv/pydantic__pydantic__uv.lock"),
    "pyproject.toml": await corpus("python-uv/pydantic__pydantic__pyproject.toml"),
  });
}

const SMALL = `version = 1
revision = 3
requires-python = ">=3.12"

[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [
    { name = "Six" },
]
`;

describe("uvLockReader", () => {
  it("reads every [[package]]: the editable project at . is the root, the other editable one a workspace", async () => {
    const graph = await pydantic();
    expect(graph.components).toHaveLength(176);
    expect(byPurl(graph, "pkg:pypi/pydantic").role).toBe("root");
    expect(byPurl(graph, "pkg:pypi/pydantic-core").role).toBe("workspace");
  });

  it("keeps the sdist and wheel sha256 hashes and the index as source", async () => {
    const pkg = byPurl(await pydantic(), "pkg:pypi/aiohappyeyeballs@2.6.1");
    expect(pkg.hashes).toEqual([
      { alg: "SHA-256", content: "c3f9d0113123803ccadfdf3f0faa505bc78e6a72d1cc4806cbd719826e943558" },
      { alg: "SHA-256", content: "f349ba8f4b75cb25c99c5c2d84e997e485204d2902a9597802b0371f09331fb8" },
    ]);
    expect(pkg.source).toEqual({ type: "registry", url: "https://pypi.org/simple" });
    expect(pkg.locations).toEqual([{ file: "uv.lock", line: 18 }]);
  });

  it("turns dependencies, optional-dependencies and dev-dependencies into prod, optional and dev edges", async () => {
    const graph = await pydantic();
    expect(graph.edges.filter((e) => e.from !== "tollgate:root")).toHaveLength(361);
    const root = edgesFrom(graph, "pkg:pypi/pydantic");
    expect(root).toContain("pkg:pypi/typing-extensions@4.15.0 prod");
    expect(root).toContain("pkg:pypi/email-validator@2.2.0 optional");
    expect(root).toContain("pkg:pypi/pytest@9.1.1 dev");
  });

  it("resolves a dependency locked in two versions by the version it names", async () => {
    const edges = edgesFrom(await pydantic(), "pkg:pypi/pydantic");
    expect(edges).toContain("pkg:pypi/pyodide-build@0.19.1 dev");
    expect(edges).toContain("pkg:pypi/pyodide-build@0.39.0 dev");
  });

  it("computes scope from the edges: reachable only through dev groups is development", async () => {
    const graph = await pydantic();
    expect(byPurl(graph, "pkg:pypi/typing-extensions@4.15.0").scope).toBe("required");
    expect(byPurl(graph, "pkg:pypi/email-validator@2.2.0").scope).toBe("optional");
    expect(byPurl(graph, "pkg:pypi/pytest@9.1.1").scope).toBe("development");
  });

  it("records a git source with its commit as vcs_url", async () => {
    const docs = byPurl(
      await pydantic(),
      "pkg:pypi/pydantic-docs@0.0.1?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fpydantic%2Fpydantic-docs%406f657b30593b00cf5f7c0b7eca74e83b3b6b7819",
    );
    expect(docs.source).toEqual({
      type: "git",
      url: "https://github.com/pydantic/pydantic-docs#6f657b30593b00cf5f7c0b7eca74e83b3b6b7819",
    });
  });
});

describe("uvLockReader on bad input", () => {
  it("rejects a version other than 1, naming the line", async () => {
    const error = await rejection(readString(uvLockReader, "uv.lock", "# uv\nversion = 2\n"));
    expect(error.code).toBe("LOCKFILE_VERSION");
    expect(error.message).toContain("uv.lock version = 1");
    expect(error.location).toEqual({ file: "uv.lock", line: 2 });
  });

  it("fails closed on a dependency no [[package]] provides", async () => {
    const error = await rejection(readString(uvLockReader, "uv.lock", SMALL));
    expect(error.code).toBe("LOCKFILE_INVALID");
    expect(error.location).toEqual({ file: "uv.lock", line: 5 });
  });

  it("names line and column of a TOML error", async () => {
    const error = await rejection(readString(uvLockReader, "uv.lock", "version = 1\n[[package]\n"));
    expect(error.code).toBe("LOCKFILE_PARSE");
    expect(error.location?.line).toBe(2);
  });

  it("throws nothing but InventoryError on arbitrary or damaged text", async () => {
    await assertOnlyTypedErrors(
      uvLockReader,
      "uv.lock",
      `${SMALL}\n[[package]]\nname = "six"\nversion = "1.16.0"\nsource = { registry = "https://registry.example.org/simple" }\n`,
    );
  });
});
