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
import { goModReader } from "./go-mod-reader.js";

async function project(name: string) {
  return readProject(goModReader, {
    "go.mod": await corpus(`go/${name}__go.mod`),
    "go.sum": await corpus(`go/${name}__go.sum`),
  });
}

async function handmade() {
  const dir = join(HANDMADE, "go-replace-exclude");
  return readProject(goModReader, {
    "go.mod": await readFile(join(dir, "go.mod"), "utf8"),
    "go.sum": await readFile(join(dir, "go.sum"), "utf8"),
  });
}

describe("goModReader", () => {
  it("makes the module the root and each requirement a component it has an edge to", async () => {
    const graph = await project("spf13__cobra");
    expect(graph.components.map((c) => c.purl)).toEqual([
      "pkg:golang/github.com/cpuguy83/go-md2man/v2@v2.0.6",
      "pkg:golang/github.com/inconshreveable/mousetrap@v1.1.0",
      "pkg:golang/github.com/spf13/cobra",
      "pkg:golang/github.com/spf13/pflag@v1.0.9",
      "pkg:golang/go.yaml.in/yaml/v3@v3.0.4",
    ]);
    expect(byPurl(graph, "pkg:golang/github.com/spf13/cobra").role).toBe("root");
    expect(edgesFrom(graph, "pkg:golang/github.com/spf13/cobra")).toHaveLength(4);
  });

  it("keeps the go.sum h1: hash as a property, not as a file hash", async () => {
    const pflag = byPurl(await project("spf13__cobra"), "pkg:golang/github.com/spf13/pflag@v1.0.9");
    expect(pflag.properties).toEqual({ "tollgate:go-sum-h1": "h1:9exaQaMOCwffKiiiYk6/BndUBv+iRViNW+4lEMi0PvY=" });
    expect(pflag.hashes).toEqual([]);
    expect(pflag.locations).toEqual([{ file: "go.mod", line: 8 }]);
  });

  it("reads every require of both blocks and marks `// indirect` ones as not direct (syft)", async () => {
    const graph = await project("anchore__syft");
    const deps = graph.components.filter((c) => c.role === "dependency");
    expect(deps).toHaveLength(314);
    expect(deps.filter((c) => !c.direct)).toHaveLength(216);
    expect(byPurl(graph, "pkg:golang/dario.cat/mergo@v1.0.2").direct).toBe(false);
    expect(byPurl(graph, "pkg:golang/github.com/BurntSushi/toml@v1.6.0").direct).toBe(true);
    expect(deps.every((c) => c.scope === "required")).toBe(true);
  });

  it("reads gitleaks' go.mod with 72 requirements, 56 of them indirect", async () => {
    const deps = (await project("gitleaks__gitleaks")).components.filter((c) => c.role === "dependency");
    expect(deps).toHaveLength(72);
    expect(deps.filter((c) => !c.direct)).toHaveLength(56);
  });

  it("records what a module replace builds, with the original as a property", async () => {
    const net = byPurl(await handmade(), "pkg:golang/golang.org/x/net@v0.23.0");
    expect(net.properties).toEqual({
      "tollgate:go-replaces": "golang.org/x/net@v0.17.0",
      "tollgate:go-sum-h1": "h1:7EYJ93RZ9vYSZAIb2x3lnuvqO5zneoD6IvWjuhfxjTs=",
    });
  });

  it("records a directory replace as a file source under the original module path", async () => {
    const auth = byPurl(await handmade(), "pkg:golang/example.com/internal/auth");
    expect(auth.source).toEqual({ type: "file", url: "../auth" });
    expect(auth.properties["tollgate:go-replaces"]).toBe(
      "example.com/internal/auth@v0.0.0-00010101000000-000000000000",
    );
  });

  it("reads a one-line require and lists excluded versions on the root", async () => {
    const graph = await handmade();
    expect(byPurl(graph, "pkg:golang/github.com/pkg/errors@v0.9.1").direct).toBe(false);
    expect(byPurl(graph, "pkg:golang/example.com/gateway").properties).toEqual({
      "tollgate:go-excludes": "github.com/gorilla/mux@v1.7.4",
    });
    expect(graph.components).toHaveLength(5);
  });

  it("reads a go.mod without go.sum, leaving the h1: property out", async () => {
    const graph = await readString(goModReader, "go.mod", await corpus("go/spf13__cobra__go.mod"));
    expect(byPurl(graph, "pkg:golang/github.com/spf13/pflag@v1.0.9").properties).toEqual({});
  });

  it("warns when a requirement is a version the module itself excludes", async () => {
    const text = "module m\n\nrequire a.example/b v1.0.0\n\nexclude a.example/b v1.0.0\n";
    const graph = await readString(goModReader, "go.mod", text);
    expect(graph.warnings).toEqual([
      {
        code: "GO_REQUIRE_EXCLUDED",
        message:
          "go.mod requires a.example/b@v1.0.0, which its own exclude directive excludes; go will select a later version",
        location: { file: "go.mod", line: 3 },
      },
    ]);
  });
});

describe("goModReader and the go version", () => {
  it("warns that cobra's go 1.15 go.mod lists only the modules it requires, not their dependencies", async () => {
    const graph = await project("spf13__cobra");
    expect(graph.warnings).toEqual([
      {
        code: "GO_MOD_INCOMPLETE",
        message:
          "go.mod declares go 1.15: before go 1.17 go.mod does not list indirect dependencies, so the SBOM lists only the modules it requires; run go mod tidy -go=1.17 (or later) to record them all",
        location: { file: "go.mod", line: 3 },
      },
    ]);
  });

  it("does not warn from go 1.17 on, whose go.mod lists the whole build list", async () => {
    for (const go of ["1.17", "1.21.5", "1.21rc1", "1.24"]) {
      const graph = await readString(goModReader, "go.mod", `module m\n\ngo ${go}\n`);
      expect(graph.warnings, go).toEqual([]);
    }
  });
});

describe("goModReader on bad input", () => {
  it("names the line and column of an unknown directive", async () => {
    const error = await rejection(readString(goModReader, "go.mod", "module m\n\n  requires x v1\n"));
    expect(error.code).toBe("LOCKFILE_PARSE");
    expect(error.location).toEqual({ file: "go.mod", line: 3, column: 3 });
  });

  it("names the line of a require without a version", async () => {
    const error = await rejection(readString(goModReader, "go.mod", "module m\nrequire (\n\ta.example/b\n)\n"));
    expect(error.code).toBe("LOCKFILE_PARSE");
    expect(error.location).toEqual({ file: "go.mod", line: 3, column: 2 });
    expect(error.message).toBe("go.mod: malformed require, expected `module version`");
  });

  it("names the line of a block that is never closed", async () => {
    const error = await rejection(readString(goModReader, "go.mod", "module m\nrequire (\n\ta.example/b v1.0.0\n"));
    expect(error.location).toEqual({ file: "go.mod", line: 2 });
  });

  it("throws nothing but InventoryError on arbitrary or damaged text", async () => {
    await assertOnlyTypedErrors(goModReader, "go.mod", await corpus("go/gitleaks__gitleaks__go.mod"));
  });
});
