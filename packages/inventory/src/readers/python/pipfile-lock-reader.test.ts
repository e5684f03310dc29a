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
import { pipfileLockReader } from "./pipfile-lock-reader.js";

async function tool(name: "ghsa" | "redhat", withPipfile = true) {
  const base = `python-pipenv/ossf__osv-schema__tools_${name}_Pipfile`;
  const files: Record<string, string> = { "Pipfile.lock": await corpus(`${base}.lock`) };
  if (withPipfile) files.Pipfile = await corpus(base);
  return readProject(pipfileLockReader, files, name);
}

describe("pipfileLockReader", () => {
  it("reads default packages as required and develop ones as development", async () => {
    const graph = await tool("ghsa");
    const deps = graph.components.filter((c) => c.role === "dependency");
    expect(deps).toHaveLength(59);
    expect(deps.filter((c) => c.scope === "development")).toHaveLength(8);
    expect(byPurl(graph, "pkg:pypi/astroid@4.0.4").scope).toBe("development");
    expect(byPurl(graph, "pkg:pypi/attrs@26.1.0").scope).toBe("required");
  });

  it("keeps hashes, the only source as source, and the line of the entry", async () => {
    const attrs = byPurl(await tool("ghsa"), "pkg:pypi/attrs@26.1.0");
    expect(attrs.hashes).toEqual([
      { alg: "SHA-256", content: "c647aa4a12dfbad9333ca4e71fe62ddc36f4e63b2d260a37a8b83d2f043ac309" },
      { alg: "SHA-256", content: "d03ceb89cb322a8fd706d4fb91940737b6642aa36998fe130a9bc96c985eff32" },
    ]);
    expect(attrs.source).toEqual({ type: "registry", url: "https://pypi.python.org/simple" });
    expect(attrs.locations).toEqual([{ file: "Pipfile.lock", line: 19 }]);
  });

  it("marks as direct exactly what the Pipfile declares", async () => {
    const graph = await tool("ghsa");
    expect(graph.components.filter((c) => c.direct).map((c) => c.name)).toEqual(["osv", "pylint", "requests", "yapf"]);
  });

  it("links the root to every package, develop ones by dev edges, as the lock has no graph", async () => {
    const edges = edgesFrom(await tool("ghsa"), "pkg:pypi/ghsa");
    expect(edges).toHaveLength(59);
    expect(edges).toContain("pkg:pypi/astroid@4.0.4 dev");
  });

  it("takes the root's name from the project's own editable entry", async () => {
    const graph = await tool("redhat");
    expect(byPurl(graph, "pkg:pypi/redhat-osv").role).toBe("root");
    expect(graph.components.filter((c) => c.role === "dependency")).toHaveLength(20);
  });

  it("records a git entry at its ref and warns about an entry without a version", async () => {
    const lock = JSON.stringify({
      _meta: { "pipfile-spec": 6, sources: [] },
      default: {
        mylib: { git: "https://github.com/example/mylib.git", ref: "0123456789abcdef0123456789abcdef01234567" },
        loose: { path: "./vendor/loose" },
      },
      develop: {},
    });
    const graph = await readString(pipfileLockReader, "Pipfile.lock", lock);
    expect(graph.components.map((c) => c.purl)).toEqual([
      "pkg:pypi/loose",
      "pkg:pypi/mylib@0123456789abcdef0123456789abcdef01234567?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fexample%2Fmylib.git%400123456789abcdef0123456789abcdef01234567",
      "pkg:pypi/project",
    ]);
    expect(graph.warnings.map((w) => w.code)).toEqual(["PYTHON_UNPINNED"]);
  });
});

describe("pipfileLockReader on bad input", () => {
  it("names line and column of a JSON syntax error", async () => {
    const error = await rejection(
      readString(pipfileLockReader, "Pipfile.lock", '{\n  "_meta": {\n    "pipfile-spec": 6,\n  }\n}'),
    );
    expect(error.code).toBe("LOCKFILE_PARSE");
    expect(error.location).toEqual({ file: "Pipfile.lock", line: 4, column: 3 });
  });

  it("rejects an unknown pipfile-spec naming the supported ones", async () => {
    const error = await rejection(readString(pipfileLockReader, "Pipfile.lock", '{"_meta": {"pipfile-spec": 9}}'));
    expect(error.code).toBe("LOCKFILE_VERSION");
    expect(error.message).toContain("pipfile-spec 1 to 6");
  });

  it("throws nothing but InventoryError on arbitrary or damaged text", async () => {
    await assertOnlyTypedErrors(
      pipfileLockReader,
      "Pipfile.lock",
      await corpus("python-pipenv/ossf__osv-schema__tools_redhat_Pipfile.lock"),
    );
  });
});
