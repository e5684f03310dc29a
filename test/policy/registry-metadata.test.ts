import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Component, GraphBuilder } from "@tollgate/inventory";
import { createHttpClient } from "@tollgate/net";
import { evaluatePolicy, gatherFacts, parsePolicy, registryFacts } from "@tollgate/policy";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RegistryServer, startRegistryServer } from "./registry-server.js";

// Answers shaped like each registry's metadata API for one real package version each.
const ANSWERS: Record<string, unknown> = {
  "/left-pad": {
    name: "left-pad",
    versions: { "1.3.0": { license: "WTFPL", deprecated: "use String.prototype.padStart()" } },
  },
  "/@types/node": { versions: { "24.0.0": { license: { type: "MIT" } } } },
  "/api/v1/crates/openssl/0.10.0": { version: { license: "Apache-2.0", yanked: true } },
  "/pypi/requests/2.32.3/json": { info: { license: "Apache 2.0", license_expression: null, yanked: false }, urls: [] },
  "/pypi/attrs/25.1.0/json": { info: { license_expression: "MIT" }, urls: [{ yanked: true }] },
  "/api/v2/rubygems/rails/versions/7.1.0.json": { licenses: ["MIT"] },
  "/p2/monolog/monolog.json": {
    packages: {
      "monolog/monolog": [
        { version: "3.5.0", license: ["MIT"] },
        { version: "3.4.0", abandoned: "psr/log" },
      ],
    },
  },
  "/v3/registration5-semver1/newtonsoft.json/13.0.1.json": {
    catalogEntry: "{{base}}/catalog/newtonsoft.json.13.0.1.json",
  },
  "/catalog/newtonsoft.json.13.0.1.json": {
    licenseExpression: "MIT",
    deprecation: { reasons: ["Legacy"], message: "use System.Text.Json" },
  },
};

let server: RegistryServer;
beforeAll(async () => {
  server = await startRegistryServer(ANSWERS);
});
afterAll(() => server.close());

function component(ecosystem: Component["ecosystem"], name: string, version: string) {
  const builder = new GraphBuilder();
  const id = builder.addComponent({ ecosystem, name, version });
  return builder.build({ id: "tollgate:root", name: "x" }).components.find((c) => c.id === id) as Component;
}

function options(cacheDir?: string) {
  const registries = Object.fromEntries(
    ["npm", "crates.io", "PyPI", "RubyGems", "Packagist", "NuGet"].map((e) => [e, `${server.url}/`]),
  );
  return {
    http: createHttpClient({ allowOnly: ["127.0.0.1"], timeoutMs: 2000, deadlineMs: 5000, sleep: async () => {} }),
    registries,
    ...(cacheDir ? { cacheDir } : {}),
  };
}

describe("registry metadata over a loopback server", () => {
  it.each([
    [
      component("npm", "left-pad", "1.3.0"),
      { license: "WTFPL", deprecated: "use String.prototype.padStart()", origin: "registry" },
    ],
    [component("npm", "@types/node", "24.0.0"), { license: "MIT", origin: "registry" }],
    [component("crates.io", "openssl", "0.10.0"), { license: "Apache-2.0", yanked: true, origin: "registry" }],
    [component("PyPI", "requests", "2.32.3"), { license: "Apache 2.0", origin: "registry" }],
    [component("PyPI", "attrs", "25.1.0"), { license: "MIT", yanked: true, origin: "registry" }],
    [component("RubyGems", "rails", "7.1.0"), { license: "MIT", origin: "registry" }],
    [
      component("Packagist", "monolog/monolog", "3.4.0"),
      { license: "MIT", deprecated: "abandoned; use psr/log", origin: "registry" },
    ],
    [
      component("NuGet", "Newtonsoft.Json", "13.0.1"),
      { license: "MIT", deprecated: "use System.Text.Json", origin: "registry" },
    ],
  ])("reads %s", async (c, expected) => {
    const facts = await registryFacts([c], options());
    expect(facts.get(c.id)).toEqual(expected);
  });

  it("keeps nothing for a package the registry does not know", async () => {
    const c = component("npm", "no-such-package", "1.0.0");
    expect((await registryFacts([c], options())).size).toBe(0);
  });

  it("answers a second run from the on-disk cache", async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), "tollgate-cache-"));
    const c = component("crates.io", "openssl", "0.10.0");
    await registryFacts([c], options(cacheDir));
    const before = server.requests.length;
    expect((await registryFacts([c], options(cacheDir))).get(c.id)?.yanked).toBe(true);
    expect(server.requests.length).toBe(before);
  });

  it("fails closed, naming the host, when the registry keeps failing", async () => {
    server.failing.add("/api/v1/crates/serde/1.0.0");
    const c = component("crates.io", "serde", "1.0.0");
    await expect(registryFacts([c], options())).rejects.toMatchObject({
      code: "POLICY_METADATA",
      message: expect.stringContaining(`cannot read package metadata from ${new URL(server.url).host}`),
    });
  });

  it("feeds yanked and deprecated facts into the policy verdict", async () => {
    const builder = new GraphBuilder();
    const root = builder.addComponent({ ecosystem: "crates.io", name: "app", version: "0.1.0", role: "root" });
    const dep = builder.addComponent({
      ecosystem: "crates.io",
      name: "openssl",
      version: "0.10.0",
      license: "Apache-2.0",
    });
    builder.addEdge(root, dep, "prod");
    const graph = builder.build({ id: "tollgate:root", name: "app" });
    const facts = await gatherFacts(graph, options());
    const report = evaluatePolicy(graph, parsePolicy("version: 1\n", "tollgate.yml"), { facts });
    expect(report.findings.map((f) => [f.kind, f.rule, f.level, f.message])).toEqual([
      ["deprecated", "yanked", "deny", "openssl@0.10.0 is yanked from its registry"],
    ]);
  });

  it("asks nothing when offline", async () => {
    const c = component("crates.io", "openssl", "0.10.0");
    const before = server.requests.length;
    const builder = new GraphBuilder();
    builder.addComponent({ ecosystem: c.ecosystem, name: c.name, version: c.version });
    await gatherFacts(builder.build({ id: "tollgate:root", name: "x" }), { ...options(), offline: true });
    expect(server.requests.length).toBe(before);
  });
});
