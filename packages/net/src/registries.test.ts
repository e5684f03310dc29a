import { describe, expect, it } from "vitest";
import { configuredRegistryHosts, npmConfigRegistry } from "./registries.js";

const never = async (): Promise<string | undefined> => {
  throw new Error("npm must not be asked when the environment says");
};

describe("configuredRegistryHosts", () => {
  it("takes npm's registry from npm_config_registry", async () => {
    const hosts = await configuredRegistryHosts({
      env: { npm_config_registry: "https://registry.example.org/" },
      npmRegistry: never,
    });
    expect(hosts).toEqual(["registry.example.org"]);
  });

  it("asks npm when the environment does not name a registry", async () => {
    const hosts = await configuredRegistryHosts({ env: {}, npmRegistry: async () => "https://npm.mirror.example/" });
    expect(hosts).toEqual(["npm.mirror.example"]);
  });

  it("adds pip's index and GitHub's API URL when set, sorted and without duplicates", async () => {
    const hosts = await configuredRegistryHosts({
      env: {
        NPM_CONFIG_REGISTRY: "https://mirror.example.org/npm/",
        PIP_INDEX_URL: "https://mirror.example.org/pypi/simple",
        GITHUB_API_URL: "https://ghe.example.org/api/v3",
      },
      npmRegistry: never,
    });
    expect(hosts).toEqual(["ghe.example.org", "mirror.example.org"]);
  });

  it("ignores values that are not http(s) URLs", async () => {
    const hosts = await configuredRegistryHosts({
      env: { npm_config_registry: "not a url", PIP_INDEX_URL: "file:///srv/simple" },
      npmRegistry: never,
    });
    expect(hosts).toEqual([]);
  });
});

describe("npmConfigRegistry", () => {
  it("reads the registry npm itself is configured with", async () => {
    const env = { ...process.env, npm_config_registry: "https://registry.example.org/" };
    expect(await npmConfigRegistry(env)).toBe("https://registry.example.org/");
  });

  it("answers undefined when npm cannot be run", async () => {
    expect(await npmConfigRegistry({ PATH: "/nonexistent" })).toBeUndefined();
  });
});
