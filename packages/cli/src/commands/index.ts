import type { CommandModule } from "../command.js";

/**
 * Every `tollgate` command, in the order `--help` lists them, each loaded only when needed:
 * `tollgate sbom` should not pay for loading the Sigstore clients. Add one line per command.
 */
export const commandLoaders: ReadonlyArray<readonly [name: string, load: () => Promise<CommandModule>]> = [
  ["init", async () => (await import("./init.js")).initCommand],
  ["gate", async () => (await import("./gate.js")).gateCommand],
  ["sbom", async () => (await import("./sbom.js")).sbomCommand],
  ["audit", async () => (await import("./audit.js")).auditCommand],
  ["db", async () => (await import("./db.js")).dbCommand],
  ["policy", async () => (await import("./policy.js")).policyCommand],
  ["review", async () => (await import("./review.js")).reviewCommand],
  ["scan", async () => (await import("./scan.js")).scanCommand],
  ["sign", async () => (await import("./sign.js")).signCommand],
  ["attest", async () => (await import("./attest.js")).attestCommand],
  ["verify", async () => (await import("./verify.js")).verifyCommand],
];

/** The commands to register for `argv`: just the one named, or all (for help and unknown names). */
export async function commandsFor(argv: readonly string[]): Promise<CommandModule[]> {
  const named = argv.find((a) => !a.startsWith("-"));
  const only = commandLoaders.find(([name]) => name === named);
  return Promise.all((only ? [only] : commandLoaders).map(([, load]) => load()));
}
