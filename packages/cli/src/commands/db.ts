import { resolve } from "node:path";
import { DEFAULT_DATABASE_URL, SUPPORTED_ECOSYSTEMS, updateDatabase } from "@tollgate/advisories";
import { createHttpClient } from "@tollgate/net";
import type { CommandModule } from "../command.js";
import { ExitCode } from "../exit-codes.js";

interface DbUpdateOptions {
  ecosystems?: string[];
  dir: string;
  baseUrl: string;
}

/** The ecosystems `db update` downloads by default: every one Tollgate reads lockfiles of. */
export const DEFAULT_DB_ECOSYSTEMS = ["crates.io", "Go", "Maven", "npm", "NuGet", "Packagist", "PyPI", "RubyGems"];

/** `tollgate db update`: downloads OSV's per-ecosystem all.zip archives for offline audits. */
export const dbCommand: CommandModule = {
  register(program, io, setExit) {
    const db = program
      .command("db")
      .description("Manage the offline advisory database used by `tollgate audit --offline --db DIR`.");
    db.command("update")
      .description("Download OSV's all.zip archive of each ecosystem into DIR and record when.")
      .option("--ecosystems <names...>", `OSV ecosystems to download (default: ${DEFAULT_DB_ECOSYSTEMS.join(", ")})`)
      .option("--dir <dir>", "the database directory", ".tollgate/osv-db")
      .option("--base-url <url>", "where the archives are published (<url>/<ecosystem>/all.zip)", DEFAULT_DATABASE_URL)
      .action(async (options: DbUpdateOptions) => {
        const ecosystems = (options.ecosystems ?? DEFAULT_DB_ECOSYSTEMS).flatMap((e) => e.split(",")).filter(Boolean);
        const unknown = ecosystems.filter((e) => !SUPPORTED_ECOSYSTEMS.includes(e));
        if (unknown.length > 0) {
          io.stderr(
            `tollgate: cannot order versions of ${unknown.join(", ")}; choose from ${SUPPORTED_ECOSYSTEMS.join(", ")}\n`,
          );
          setExit(ExitCode.Error);
          return;
        }
        const dir = resolve(io.cwd, options.dir);
        const http = createHttpClient({ allow: [new URL(options.baseUrl).hostname] });
        const meta = await updateDatabase({ http, dir, ecosystems, baseUrl: options.baseUrl });
        for (const e of meta.ecosystems)
          io.stdout(`${e.ecosystem}: ${e.records} advisories (${e.bytes} bytes) -> ${e.file}\n`);
        io.stdout(`database ${options.dir} updated at ${meta.updatedAt}\n`);
        setExit(ExitCode.Pass);
      });
  },
};
