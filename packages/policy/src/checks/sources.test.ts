import { describe, expect, it } from "vitest";
import { gitOrigin, repoKey } from "./sources.js";

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
