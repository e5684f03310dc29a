import { GraphBuilder } from "@tollgate/inventory";
import { evaluatePolicy, findingJson, parsePolicy } from "@tollgate/policy";
import { describe, expect, it } from "vitest";
import { insomniaGraph } from "./helpers.js";

const NPM = { npm: ["https://registry.example.org/"] };
const policy = (yaml: string) => parsePolicy(`version: 1\n${yaml}`, "tollgate.yml");
const PERMISSIVE = "licenses:\n  allow: [MIT, ISC, Apache-2.0, BSD-2-Clause, BSD-3-Clause]\n  unknown: allow\n";

describe("evaluatePolicy on insomnia's lockfile", () => {
  it("reports a non-SPDX license with its raw string, at its lockfile line", async () => {
    const report = evaluatePolicy(await insomniaGraph(), policy("bans:\n  multiple-versions: allow\n"), {
      defaultRegistries: NPM,
    });
    const finding = report.findings.find((f) => f.package === "apiconnect-wsdl");
    expect(finding && findingJson(finding)).toEqual({
      kind: "license",
      package: "apiconnect-wsdl",
      version: "2.0.36",
      ecosystem: "npm",
      message:
        'license "SEE LICENSE IN LICENSE.md" is not an SPDX expression (unresolved; add a licenses.clarify entry if you know the license)',
      paths: [["insomnia@10.1.1", "apiconnect-wsdl@2.0.36"]],
      rule: "licenses.unknown",
    });
    expect(finding?.locations).toEqual([{ file: "package-lock.json", line: 7464 }]);
    expect(report.verdict).toBe("fail");
  });

  it("applies a clarify entry instead of the recorded license", async () => {
    const clarified = policy(
      "licenses:\n  clarify:\n    - package: apiconnect-wsdl\n      expression: LicenseRef-IBM\n      reason: read LICENSE.md\n",
    );
    const report = evaluatePolicy(await insomniaGraph(), clarified, { defaultRegistries: NPM });
    expect(report.findings.filter((f) => f.package === "apiconnect-wsdl")).toEqual([]);
  });

  it("names the licenses outside the allow list and honours a per-package exception", async () => {
    const graph = await insomniaGraph();
    const strict = evaluatePolicy(graph, policy(PERMISSIVE), { defaultRegistries: NPM });
    expect(strict.findings.find((f) => f.package === "caniuse-lite")?.message).toBe(
      "license CC-BY-4.0 is not allowed (CC-BY-4.0 not in licenses.allow)",
    );
    const excepted = policy(
      `${PERMISSIVE}  exceptions:\n    - package: caniuse-lite\n      allow: [CC-BY-4.0]\n      reason: data only\n`,
    );
    const report = evaluatePolicy(graph, excepted, { defaultRegistries: NPM });
    expect(report.findings.some((f) => f.package === "caniuse-lite")).toBe(false);
  });

  it("bans a version range and shows every path that brings it in", async () => {
    const banned = policy(
      "bans:\n  multiple-versions: allow\n  deny:\n    - name: semver\n      ecosystem: npm\n      version: '<6'\n      reason: too old\n      use-instead: semver@7\nlicenses:\n  unknown: allow\n",
    );
    const report = evaluatePolicy(await insomniaGraph(), banned, { defaultRegistries: NPM });
    const bans = report.findings.filter((f) => f.kind === "ban").map(findingJson);
    expect(bans).toEqual([
      {
        kind: "ban",
        package: "semver",
        version: "5.7.2",
        ecosystem: "npm",
        message: "semver@5.7.2 is banned (banned versions: <6): too old; use semver@7 instead",
        paths: [["insomnia@10.1.1", "less@4.2.0", "make-dir@2.1.0", "semver@5.7.2"]],
        rule: "bans.deny",
      },
    ]);
  });

  it("lets a banned package in through its wrappers only", async () => {
    const graph = await insomniaGraph();
    const ban = (wrappers: string) =>
      policy(
        `bans:\n  multiple-versions: allow\n  deny:\n    - name: semver\n      version: 5.7.2\n      reason: r\n      wrappers: [${wrappers}]\nlicenses:\n  unknown: allow\n`,
      );
    const bans = (wrappers: string) =>
      evaluatePolicy(graph, ban(wrappers), { defaultRegistries: NPM }).findings.filter((f) => f.kind === "ban");
    expect(bans("make-dir")).toEqual([]);
    const other = bans("less");
    expect(other.map((f) => f.message)).toEqual([
      "semver@5.7.2 is banned (banned versions: 5.7.2): r; only less may depend on it, but make-dir@2.1.0 does",
    ]);
  });

  it("reports duplicated versions with who pulls each, unless skipped", async () => {
    const graph = await insomniaGraph();
    const deny = policy("bans:\n  multiple-versions: deny\nlicenses:\n  unknown: allow\n");
    const finding = evaluatePolicy(graph, deny, { defaultRegistries: NPM }).findings.find(
      (f) => f.package === "@apidevtools/json-schema-ref-parser",
    );
    expect(finding?.version).toBe("9.0.6, 9.0.9");
    expect(finding?.message).toBe(
      "@apidevtools/json-schema-ref-parser is present at 2 versions: 9.0.6 (pulled by @apidevtools/swagger-parser@10.0.3, @apidevtools/swagger-parser@10.1.0); 9.0.9 (pulled by json-schema-ref-parser@9.0.9)",
    );
    expect(finding?.level).toBe("deny");
    const skipped = policy(
      "bans:\n  multiple-versions: deny\n  skip: ['@apidevtools/json-schema-ref-parser']\nlicenses:\n  unknown: allow\n",
    );
    const report = evaluatePolicy(graph, skipped, { defaultRegistries: NPM });
    expect(report.findings.some((f) => f.package === "@apidevtools/json-schema-ref-parser")).toBe(false);
  });

  it("denies a git source whose host is not allowed, and allows it by org", async () => {
    const graph = await insomniaGraph();
    const base = "bans:\n  multiple-versions: allow\nlicenses:\n  unknown: allow\n";
    const denied = evaluatePolicy(graph, policy(base), { defaultRegistries: NPM }).findings.filter(
      (f) => f.kind === "source",
    );
    expect(denied.map((f) => [f.package, f.rule])).toEqual([["grpc-reflection-js", "sources.git"]]);
    const allowed = policy(`${base}sources:\n  git:\n    orgs: [github.com/jackkav]\n`);
    expect(evaluatePolicy(graph, allowed, { defaultRegistries: NPM }).findings).toEqual([]);
  });

  it("allows a git source by its exact repository, in any URL form", async () => {
    const graph = await insomniaGraph();
    const base = "bans:\n  multiple-versions: allow\nlicenses:\n  unknown: allow\n";
    const repo = policy(`${base}sources:\n  git:\n    repos: [https://github.com/jackkav/grpc-reflection-js]\n`);
    expect(evaluatePolicy(graph, repo, { defaultRegistries: NPM }).findings).toEqual([]);
    const other = policy(`${base}sources:\n  git:\n    repos: [https://github.com/jackkav/other]\n`);
    expect(evaluatePolicy(graph, other, { defaultRegistries: NPM }).findings.map((f) => f.rule)).toEqual([
      "sources.git",
    ]);
  });

  it("allows any git host with the wildcard a deny.toml `unknown-git = allow` maps to", async () => {
    const graph = await insomniaGraph();
    const any = policy(
      "bans:\n  multiple-versions: allow\nlicenses:\n  unknown: allow\nsources:\n  git:\n    hosts: ['*']\n",
    );
    expect(evaluatePolicy(graph, any, { defaultRegistries: NPM }).findings).toEqual([]);
  });

  it("denies every package resolved from a registry that is not allowed", async () => {
    const graph = await insomniaGraph();
    const base = policy("bans:\n  multiple-versions: allow\nlicenses:\n  unknown: allow\n");
    const report = evaluatePolicy(graph, base, { defaultRegistries: { npm: ["https://mirror.example.net/"] } });
    const registries = report.findings.filter((f) => f.rule === "sources.registries");
    const fromRegistry = graph.components.filter((c) => c.role === "dependency" && c.source?.type === "registry");
    expect(registries).toHaveLength(fromRegistry.length);
    expect(registries[0]?.message).toMatch(
      /which is not an allowed npm registry \(https:\/\/mirror\.example\.net\/\)$/,
    );
  });
});

describe("local and URL sources", () => {
  function graphWith(type: "file" | "link" | "url", url: string) {
    const builder = new GraphBuilder();
    const app = builder.addComponent({ ecosystem: "npm", name: "app", version: "1.0.0", role: "root" });
    const dep = builder.addComponent({ ecosystem: "npm", name: "local-lib", version: "0.1.0", source: { type, url } });
    builder.addEdge(app, dep, "prod");
    return builder.build({ id: "tollgate:root", name: "app" });
  }

  it.each([
    ["file", "../lib", "sources.allow-file"],
    ["link", "packages/lib", "sources.allow-file"],
    ["url", "https://cdn.example.org/lib-0.1.0.tgz", "sources.allow-url"],
  ] as const)("denies a %s: source by default", (type, url, rule) => {
    const report = evaluatePolicy(graphWith(type, url), policy("licenses:\n  unknown: allow\n"));
    expect(report.findings.map((f) => [f.rule, f.paths])).toEqual([[rule, [["app@1.0.0", "local-lib@0.1.0"]]]]);
  });

  it("allows file: sources when the policy says so", () => {
    const report = evaluatePolicy(
      graphWith("file", "../lib"),
      policy("licenses:\n  unknown: allow\nsources:\n  allow-file: true\n"),
    );
    expect(report.verdict).toBe("pass");
  });
});

describe("licenses from outside the lockfile", () => {
  function single(license?: string) {
    const builder = new GraphBuilder();
    const app = builder.addComponent({ ecosystem: "npm", name: "app", version: "1.0.0", role: "root" });
    const dep = builder.addComponent({
      ecosystem: "npm",
      name: "private-lib",
      version: "1.0.0",
      ...(license ? { license } : {}),
    });
    builder.addEdge(app, dep, "prod");
    return { graph: builder.build({ id: "tollgate:root", name: "app" }), dep };
  }

  it("explains that UNLICENSED is proprietary, not the Unlicense", () => {
    const report = evaluatePolicy(single("UNLICENSED").graph, policy("licenses:\n  allow: [Unlicense]\n"));
    expect(report.findings.map((f) => [f.rule, f.level, f.message])).toEqual([
      [
        "licenses.unknown",
        "deny",
        'license "UNLICENSED" means proprietary: no license is granted (it is not the Unlicense)',
      ],
    ]);
  });

  it("judges a package without a recorded license by the license its metadata gives", () => {
    const { graph, dep } = single();
    const facts = new Map([[dep, { license: "MIT", origin: "node_modules/private-lib/package.json" }]]);
    expect(evaluatePolicy(graph, policy("licenses:\n  allow: [MIT]\n"), { facts }).verdict).toBe("pass");
    expect(evaluatePolicy(graph, policy("licenses:\n  allow: [MIT]\n")).findings[0]?.message).toBe(
      "no license is recorded for this package",
    );
  });
});
