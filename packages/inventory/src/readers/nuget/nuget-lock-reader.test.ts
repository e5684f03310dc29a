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
import { contentHashHex, nugetLockReader } from "./nuget-lock-reader.js";

const FIXTURE =
  "dotnet/google__osv-scalibr__extractor_filesystem_language_dotnet_packageslockjson_testdata_valid_packages.lock.json";

async function scalibr() {
  return readProject(nugetLockReader, { "packages.lock.json": await corpus(FIXTURE) }, "Demo.App");
}

const TWO_FRAMEWORKS = JSON.stringify(
  {
    version: 2,
    dependencies: {
      "net6.0": {
        "Newtonsoft.Json": { type: "Direct", requested: "[13.0.3, )", resolved: "13.0.3", contentHash: "" },
        "Shared.Lib": { type: "Project", dependencies: { "Newtonsoft.Json": "[13.0.3, )" } },
      },
      "net8.0": {
        "Newtonsoft.Json": { type: "Direct", requested: "[13.0.3, )", resolved: "13.0.3", contentHash: "" },
        "System.Text.Json": { type: "CentralTransitive", requested: "[8.0.4, )", resolved: "8.0.4" },
      },
    },
  },
  null,
  2,
);

describe("nugetLockReader", () => {
  it("reads every package of the target framework", async () => {
    const graph = await scalibr();
    expect(graph.components.filter((c) => c.role === "dependency")).toHaveLength(8);
    expect(byPurl(graph, "pkg:nuget/Demo.App").role).toBe("root");
  });

  it("turns the base64 contentHash into a SHA-512 hex hash", async () => {
    const dep = byPurl(await scalibr(), "pkg:nuget/Core.Dep@1.24.0");
    expect(dep.hashes).toEqual([
      {
        alg: "SHA-512",
        content: Buffer.from(
          "+/qI1j2oU1S4/nvxb2k/wDsol00iGf1AyJX5g3epV7eOpQEP/2xcgh/cxgKMeFgn3U2fmgSiBnQZdkV+l5y0Uw==",
          "base64",
        ).toString("hex"),
      },
    ]);
    expect(dep.hashes[0]?.content).toHaveLength(128);
    expect(dep.locations).toEqual([{ file: "packages.lock.json", line: 5 }]);
  });

  it("marks Direct packages direct and Transitive ones not, with edges from dependencies", async () => {
    const graph = await scalibr();
    expect(graph.components.filter((c) => c.direct).map((c) => c.name)).toEqual(["Core.Dep"]);
    expect(edgesFrom(graph, "pkg:nuget/Demo.App")).toEqual(["pkg:nuget/Core.Dep@1.24.0 prod"]);
    expect(edgesFrom(graph, "pkg:nuget/Core.Dep@1.24.0")).toHaveLength(7);
    expect(edgesFrom(graph, "pkg:nuget/Some.Dep.Three@1.0.2")).toEqual([
      "pkg:nuget/Some.Dep.Five@4.7.2 prod",
      "pkg:nuget/Some.Longer.Name.Dep@4.7.2 prod",
    ]);
  });

  it("merges a package locked by two frameworks and lists both", async () => {
    const graph = await readString(nugetLockReader, "packages.lock.json", TWO_FRAMEWORKS);
    expect(byPurl(graph, "pkg:nuget/Newtonsoft.Json@13.0.3").properties).toEqual({
      "tollgate:nuget-target-frameworks": "net6.0,net8.0",
    });
    expect(byPurl(graph, "pkg:nuget/System.Text.Json@8.0.4").direct).toBe(false);
  });

  it("makes a Project reference a workspace member linked from the root", async () => {
    const graph = await readString(nugetLockReader, "packages.lock.json", TWO_FRAMEWORKS);
    expect(byPurl(graph, "pkg:nuget/Shared.Lib").role).toBe("workspace");
    expect(edgesFrom(graph, "pkg:nuget/Shared.Lib")).toEqual(["pkg:nuget/Newtonsoft.Json@13.0.3 prod"]);
  });

  it("takes the root version from the project file named after the directory", async () => {
    const graph = await readProject(
      nugetLockReader,
      {
        "packages.lock.json": await corpus(FIXTURE),
        "Demo.App.csproj":
          '<Project Sdk="Microsoft.NET.Sdk">\n  <PropertyGroup>\n    <Version>2.3.1</Version>\n  </PropertyGroup>\n</Project>\n',
      },
      "Demo.App",
    );
    expect(byPurl(graph, "pkg:nuget/Demo.App@2.3.1").role).toBe("root");
  });

  it("rejects malformed content hashes instead of recording a wrong digest", () => {
    expect(contentHashHex("abc")).toBeUndefined();
    expect(contentHashHex("not base64!")).toBeUndefined();
  });
});

describe("nugetLockReader on bad input", () => {
  it("rejects an unknown version naming the supported ones", async () => {
    const error = await rejection(
      readString(nugetLockReader, "packages.lock.json", '{"version": 3, "dependencies": {}}'),
    );
    expect(error.code).toBe("LOCKFILE_VERSION");
    expect(error.message).toContain("packages.lock.json version 1 and 2");
  });

  it("names line and column of a JSON syntax error", async () => {
    const error = await rejection(
      readString(nugetLockReader, "packages.lock.json", '{\n  "version": 1,\n  "dependencies": {\n}'),
    );
    expect(error.code).toBe("LOCKFILE_PARSE");
    expect(error.location?.line).toBe(4);
  });

  it("throws nothing but InventoryError on arbitrary or damaged text", async () => {
    await assertOnlyTypedErrors(nugetLockReader, "packages.lock.json", await corpus(FIXTURE));
  });
});
