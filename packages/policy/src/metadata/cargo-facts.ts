import { readdir, readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { DependencyGraph } from "@tollgate/inventory";
import { parse as parseToml } from "smol-toml";
import type { PackageFacts } from "../checks/licenses.js";
import { addFact } from "./local-facts.js";

/** `package.license` of a crate's Cargo.toml, when it has one (license-file only crates stay unknown). */
export function cargoLicense(text: string): string | undefined {
  try {
    const manifest = parseToml(text) as { package?: { license?: unknown } };
    const license = manifest.package?.license;
    return typeof license === "string" && license.trim() !== "" ? license : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Licenses of crates from their sources on disk: `cargo vendor` directories (`vendor/<name>`,
 * `vendor/<name>-<version>`) and Cargo's registry cache (`$CARGO_HOME/registry/src/<index>/<name>-<version>`).
 */
export async function cargoFacts(
  graph: DependencyGraph,
  dir: string,
  facts: Map<string, PackageFacts>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const crates = graph.components.filter((c) => c.ecosystem === "crates.io" && c.role === "dependency");
  if (crates.length === 0) return;
  const registrySrc = join(env.CARGO_HOME ?? join(homedir(), ".cargo"), "registry", "src");
  const indexes = (await readdir(registrySrc).catch(() => [] as string[])).sort();
  for (const crate of crates) {
    if (crate.license !== undefined || facts.get(crate.id)?.license !== undefined) continue;
    const candidates = [
      { path: join(dir, "vendor", crate.name, "Cargo.toml"), shown: `vendor/${crate.name}/Cargo.toml` },
      {
        path: join(dir, "vendor", `${crate.name}-${crate.version}`, "Cargo.toml"),
        shown: `vendor/${crate.name}-${crate.version}/Cargo.toml`,
      },
      ...indexes.map((index) => ({
        path: join(registrySrc, index, `${crate.name}-${crate.version}`, "Cargo.toml"),
        shown: `$CARGO_HOME/registry/src/${index}/${crate.name}-${crate.version}/Cargo.toml`,
      })),
    ];
    for (const { path, shown } of candidates) {
      const text = await readFile(path, "utf8").catch(() => undefined);
      if (text === undefined) continue;
      const version = /^\s*version\s*=\s*"([^"]+)"/m.exec(text)?.[1];
      if (version !== undefined && version !== crate.version) continue;
      const license = cargoLicense(text);
      if (license !== undefined) addFact(facts, crate.id, { license, origin: shown });
      break;
    }
  }
}
