import { describe, expect, it } from "vitest";
import {
  assertOnlyTypedErrors,
  byPurl,
  corpus,
  edgesFrom,
  readProject,
  readString,
} from "../__tests__/text-harness.js";
import { requirementsReader } from "./requirements-reader.js";

async function compiled(name: string) {
  return readProject(
    requirementsReader,
    { "requirements.txt": await corpus(`python-requirements/${name}.txt`) },
    "svc",
  );
}

const OSV = "google__osv.dev__docker_poetry_requirements";
const PYPA = "pypa__gh-action-pypi-publish__requirements_runtime";

const HAND_WRITTEN = `# service dependencies
--index-url https://registry.example.org/simple
-r requirements-base.txt
Django==4.2.11 ; python_version >= "3.10" \\
    --hash=sha256:6e6ff3db2d8dd0c986b4eec8554c8e4f919b5c1ff62a5b4390c17aff2ed6e5c4  # LTS
requests>=2.31
celery
-e ./libs/shared
zope.interface===6.2
numpy==1.*
`;

describe("requirementsReader", () => {
  it("reads every pinned line of pip-compile output with its hashes", async () => {
    const graph = await compiled(OSV);
    expect(graph.components.filter((c) => c.role === "dependency")).toHaveLength(44);
    expect(byPurl(graph, "pkg:pypi/anyio@4.12.1").hashes).toEqual([
      { alg: "SHA-256", content: "41cfcc3a4c85d3f05c932da7c26d0201ac36f72abd4435ba90d0464a3ffed703" },
      { alg: "SHA-256", content: "d405828884fc140aa80a3c667b8beed277f1dfedec42ba031bd6ac3db606ab6c" },
    ]);
    expect(byPurl(graph, "pkg:pypi/anyio@4.12.1").locations).toEqual([{ file: "requirements.txt", line: 7 }]);
    expect(graph.components.reduce((n, c) => n + c.hashes.length, 0)).toBe(607);
  });

  it("keeps the name normalised and the extras out of the purl", async () => {
    expect(byPurl(await compiled(OSV), "pkg:pypi/cachecontrol@0.14.4").name).toBe("cachecontrol");
  });

  it("names the root after the directory and links it to what `# via -r` says was asked for", async () => {
    const graph = await compiled(PYPA);
    expect(edgesFrom(graph, "pkg:pypi/svc")).toEqual([
      "pkg:pypi/id@1.3.0 prod",
      "pkg:pypi/requests@2.31.0 prod",
      "pkg:pypi/twine@5.0.0 prod",
    ]);
  });

  it("turns `# via` annotations into edges from each parent", async () => {
    const graph = await compiled(PYPA);
    expect(graph.edges.filter((e) => e.to === "pkg:pypi/requests@2.31.0").map((e) => e.from)).toEqual([
      "pkg:pypi/id@1.3.0",
      "pkg:pypi/requests-toolbelt@1.0.0",
      "pkg:pypi/svc",
      "pkg:pypi/twine@5.0.0",
    ]);
    expect(byPurl(graph, "pkg:pypi/keyring@24.3.1").direct).toBe(false);
    expect(graph.components).toHaveLength(32);
  });

  it("reads a pin with markers, a line continuation and a trailing comment", async () => {
    const graph = await readString(requirementsReader, "requirements.txt", HAND_WRITTEN);
    expect(byPurl(graph, "pkg:pypi/django@4.2.11").hashes).toEqual([
      { alg: "SHA-256", content: "6e6ff3db2d8dd0c986b4eec8554c8e4f919b5c1ff62a5b4390c17aff2ed6e5c4" },
    ]);
    expect(byPurl(graph, "pkg:pypi/zope-interface@6.2").locations).toEqual([{ file: "requirements.txt", line: 9 }]);
    expect(graph.components.map((c) => c.purl)).toEqual([
      "pkg:pypi/django@4.2.11",
      "pkg:pypi/project",
      "pkg:pypi/zope-interface@6.2",
    ]);
  });

  it("reports unpinned lines, editables and includes with file and line instead of guessing", async () => {
    const graph = await readString(requirementsReader, "requirements.txt", HAND_WRITTEN);
    expect(graph.warnings.map((w) => [w.code, w.location?.line])).toEqual([
      ["REQUIREMENTS_INCLUDE", 3],
      ["PYTHON_UNPINNED", 6],
      ["PYTHON_UNPINNED", 7],
      ["PYTHON_UNPINNED", 8],
      ["PYTHON_UNPINNED", 10],
    ]);
    expect(graph.warnings[1]?.message).toBe(
      '"requests>=2.31" pins no exact version (==); it is left out, pin it with pip-compile or uv',
    );
  });

  it("claims requirements*.txt only", () => {
    expect(
      ["requirements.txt", "requirements-dev.txt", "constraints.txt", "requirements.in"].map((n) =>
        requirementsReader.matches(n),
      ),
    ).toEqual([true, true, false, false]);
  });

  it("throws nothing but InventoryError on arbitrary or damaged text", async () => {
    await assertOnlyTypedErrors(
      requirementsReader,
      "requirements.txt",
      await corpus(`python-requirements/${PYPA}.txt`),
    );
  });
});
