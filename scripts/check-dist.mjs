// Fails when an action's committed dist/ differs from a fresh bundle of its source,
// so what GitHub runs is always what the source says.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { actionNames, bundle } from "./bundle-actions.mjs";

const root = new URL("..", import.meta.url).pathname;

async function listFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

const scratch = await mkdtemp(join(tmpdir(), "tollgate-check-dist-"));
const problems = [];
try {
  for (const name of await actionNames()) {
    const fresh = join(scratch, name);
    const committed = join(root, "actions", name, "dist");
    await bundle(name, fresh);
    const freshFiles = await listFiles(fresh);
    let committedFiles = [];
    try {
      committedFiles = await listFiles(committed);
    } catch {
      problems.push(`actions/${name}/dist is missing`);
      continue;
    }
    for (const file of new Set([...freshFiles, ...committedFiles])) {
      const a = freshFiles.includes(file) ? await readFile(join(fresh, file)) : undefined;
      const b = committedFiles.includes(file) ? await readFile(join(committed, file)) : undefined;
      if (!a || !b || !a.equals(b)) problems.push(`actions/${name}/dist/${file} differs from its source`);
    }
  }
} finally {
  await rm(scratch, { recursive: true, force: true });
}
if (problems.length > 0) {
  console.error(`${problems.join("\n")}\nRun "npm run build && npm run bundle" and commit actions/*/dist.`);
  process.exit(1);
}
console.log("check-dist: every action's dist/ matches its source");
