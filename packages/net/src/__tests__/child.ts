/**
 * Runs the built client in a child Node process, for what Node only reads at start-up
 * (NODE_EXTRA_CA_CERTS, proxy variables, TLS defaults). The child prints one JSON line.
 */
import { execFile, execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../../", import.meta.url));
const entry = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

/** Builds packages/net (and what it references) so the child runs the current sources. */
export function buildNet(): void {
  execFileSync(`${root}node_modules/.bin/tsc`, ["-b", `${root}packages/net`], { stdio: "inherit" });
}

const script = `
const { createHttpClient } = await import(process.argv[1]);
const { url, allowOnly } = JSON.parse(process.argv[2]);
const client = createHttpClient({ allowOnly, timeoutMs: 5000 });
try {
  const response = await client.request({ url, attempts: 1 });
  console.log(JSON.stringify({ status: response.status, body: response.text() }));
} catch (error) {
  console.log(JSON.stringify({ code: error.code, message: error.message }));
}`;

export interface ChildResult {
  status?: number;
  body?: string;
  code?: string;
  message?: string;
}

/** Requests `url` with the built client in a fresh `node` with the given environment and flags. */
export function requestInChild(
  url: string,
  allowOnly: string[],
  env: Record<string, string>,
  flags: string[] = [],
): Promise<ChildResult> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(https?_proxy|no_proxy|node_extra_ca_certs|node_options)$/i.test(k)),
  );
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [...flags, "--input-type=module", "-e", script, entry, JSON.stringify({ url, allowOnly })],
      { env: { ...clean, ...env }, timeout: 20_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`child failed: ${stderr}`));
        resolve(JSON.parse(stdout.trim()) as ChildResult);
      },
    );
  });
}
