import { describe, expect, it } from "vitest";
import { byPurl, corpusDir, edgesOf, nameVersions, readWith } from "../__tests__/js-fixtures.js";
import { npmReader } from "./npm-reader.js";

const read = (prefix: string) => corpusDir("npm", prefix, "package-lock.json").then((d) => readWith(d, [npmReader]));

describe("npm corpus lockfiles", () => {
  it("reads Kong/insomnia (v3, five workspaces) into 1,611 packages and its workspaces", async () => {
    const graph = await read("Kong__insomnia");
    expect(nameVersions(graph)).toHaveLength(1611);
    expect(nameVersions(graph, ["workspace"])).toEqual([
      "insomnia-inso@10.1.1",
      "insomnia-sdk@10.1.1",
      "insomnia-smoke-test@10.1.1",
      "insomnia-testing@10.1.1",
      "insomnia@10.1.1",
    ]);
    expect(graph.components.find((c) => c.role === "root")?.purl).toBe("pkg:npm/insomnia@1.0.0");
    expect(graph.warnings).toEqual([]);
  });

  it("gives a registry package its purl, hash, license, source, line and edges", async () => {
    const graph = await read("Kong__insomnia");
    const chalk = byPurl(graph, "pkg:npm/chalk@4.1.2");
    expect(chalk).toMatchObject({
      scope: "required",
      license: "MIT",
      source: { type: "registry", url: "https://registry.example.org/chalk/-/chalk-4.1.2.tgz" },
      locations: [{ file: "package-lock.json", line: 8996 }],
      hashes: [
        {
          alg: "SHA-512",
          content:
            "a0a9db845c91217a54b9ecfc881326c846b89db8f820e432ba173fc32f6463bfd654f73020ef5503aebc3eef1190eefed06efa48b44e7b2c3d0a9434eb58b898",
        },
      ],
    });
    expect(edgesOf(graph, chalk.id)).toEqual(["prod pkg:npm/ansi-styles@4.3.0", "prod pkg:npm/supports-color@7.2.0"]);
  });

  it("keeps the git dependency of insomnia apart with its vcs_url", async () => {
    const graph = await read("Kong__insomnia");
    const url = "git+ssh://git@github.com/jackkav/grpc-reflection-js.git#e78663356c362d44e629cfa119d12b63ba615bc0";
    const grpc = byPurl(graph, `pkg:npm/grpc-reflection-js@0.3.0?vcs_url=${encodeURIComponent(url)}`);
    expect(grpc.source).toEqual({ type: "git", url });
    expect(edgesOf(graph, grpc.id)).toContain("peer pkg:npm/%40grpc/grpc-js@1.12.0");
  });

  it("reads Kong/insomnia at lockfileVersion 2 through its packages map", async () => {
    const graph = await read("Kong__insomnia@1f05683fad");
    expect(nameVersions(graph)).toHaveLength(1224);
    expect(graph.warnings).toEqual([]);
  });

  it("reads Kong/insomnia at lockfileVersion 1 through its nested dependencies", async () => {
    const graph = await read("Kong__insomnia@422d5a809c");
    expect(nameVersions(graph)).toHaveLength(1260);
    const chalk = graph.components.filter((c) => c.name === "chalk").map((c) => c.version);
    expect(chalk.sort()).toEqual(["1.1.3", "2.4.2", "4.1.0", "4.1.1"]);
  });

  it("reads sigstore-js (v3, fourteen workspaces) and actions/toolkit", async () => {
    const sigstore = await read("sigstore__sigstore-js");
    expect(nameVersions(sigstore)).toHaveLength(849);
    expect(nameVersions(sigstore, ["workspace"])).toHaveLength(14);
    const toolkit = await read("actions__toolkit");
    expect(nameVersions(toolkit)).toHaveLength(983);
  });

  it("reads BookStack at lockfileVersion 1 and 2 alike", async () => {
    expect(nameVersions(await read("BookStackApp__BookStack@b87e97f99e"))).toHaveLength(123);
    expect(nameVersions(await read("BookStackApp__BookStack@c42b6aece9"))).toHaveLength(125);
  });
});
