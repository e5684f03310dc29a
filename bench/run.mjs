// `npm run bench -- <name> [args]` runs bench/<name>/run.mjs with the remaining arguments.
// Benchmarks compare Tollgate with its peers; they are never part of `npm test`.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const here = new URL(".", import.meta.url).pathname;
const [name, ...args] = process.argv.slice(2);
const available = readdirSync(here, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(here, e.name, "run.mjs")))
  .map((e) => e.name)
  .sort();
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name> [args]\navailable: ${available.join(", ") || "(none)"}`);
  process.exit(2);
}
const result = spawnSync(process.execPath, [join(here, name, "run.mjs"), ...args], { stdio: "inherit" });
process.exit(result.status ?? 1);
