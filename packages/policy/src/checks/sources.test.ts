import { type Ecosystem, GraphBuilder } from "@tollgate/inventory";
import { describe, expect, it } from "vitest";
import { evaluatePolicy } from "../evaluate.js";
import { defaultPolicy } from "../file/load.js";
import { gitOrigin, PUBLIC_REGISTRIES, repoKey } from "./sources.js";

describe("git source URLs as lockfiles write them", () => {
  it.each([
    [
      "git+ssh://git@github.com/jackkav/grpc-reflection-js.git#e78663356c362d44e629cfa119d12b63ba615bc0",
      { host: "github.com", org: "jackkav" },
    ],
    ["git+https://gitlab.com/acme/lib.git", { host: "gitlab.com", org: "acme" }],
    ["github:acme/lib#v1.2.3", { host: "github.com", org: "acme" }],
    ["git@bitbucket.org:acme/lib.git", { host: "bitbucket.org", org: "acme" }],
    ["https://github.com/EmbarkStudios/krates?rev=1a2b#1a2b3c", { host: "github.com", org: "EmbarkStudios" }],
  ])("reads the host and owner of %s", (url, expected) => {
    expect(gitOrigin(url)).toEqual(expected);
  });

  it("identifies one repository across URL forms", () => {
    const forms = [
      "https://github.com/EmbarkStudios/krates",
      "git+https://github.com/EmbarkStudios/krates.git#abc",
      "git+ssh://git@github.com/EmbarkStudios/krates.git",
      "git@github.com:EmbarkStudios/krates.git",
    ];
    expect(new Set(forms.map(repoKey))).toEqual(new Set(["github.com/embarkstudios/krates"]));
  });
});

describe("registries allowed when the policy names none", () => {
  const graphWith = (ecosystem: Ecosystem, url: string) => {
    const b = new GraphBuilder();
    const app = b.addComponent({ ecosystem, name: "app", version: "1.0.0", role: "root" });
    b.addEdge(
      app,
      b.addComponent({ ecosystem, name: "dep", version: "1.0.0", source: { type: "registry", url } }),
      "prod",
    );
    return b.build({ id: "tollgate:root", name: "app" });
  };
  const sourceFindings = (ecosystem: Ecosystem, url: string) =>
    evaluatePolicy(graphWith(ecosystem, url), defaultPolicy(), { defaultRegistries: PUBLIC_REGISTRIES })
      .findings.filter((f) => f.kind === "source")
      .map((f) => f.message);

  it.each([
    ["crates.io", "https://github.com/rust-lang/crates.io-index"],
    ["crates.io", "sparse+https://index.crates.io/"],
    ["PyPI", "https://pypi.org/simple"],
    ["RubyGems", "https://rubygems.org/"],
  ] as const)("accepts %s packages from %s", (ecosystem, url) => {
    expect(sourceFindings(ecosystem, url)).toEqual([]);
  });

  it("refuses a crate from another registry", () => {
    expect(sourceFindings("crates.io", "https://my-registry.example/index")).toEqual([
      "dep@1.0.0 resolved from https://my-registry.example/index, which is not an allowed crates.io registry (https://github.com/rust-lang/crates.io-index, https://index.crates.io/)",
    ]);
  });
});
