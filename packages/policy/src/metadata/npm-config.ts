import { execFile } from "node:child_process";

/**
 * npm's configured registry URL: `npm_config_registry` from the environment, else
 * `npm config get registry` (10 s at most); undefined when npm is absent or says nothing.
 */
export function npmRegistryUrl(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const fromEnv = env.npm_config_registry ?? env.NPM_CONFIG_REGISTRY;
  if (fromEnv !== undefined && fromEnv.trim() !== "") return Promise.resolve(fromEnv.trim());
  return new Promise((resolve) => {
    execFile("npm", ["config", "get", "registry"], { env, timeout: 10_000, windowsHide: true }, (error, stdout) => {
      const url = stdout?.trim();
      resolve(error || !url || url === "undefined" ? undefined : url);
    });
  });
}
