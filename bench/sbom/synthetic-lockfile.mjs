// A synthetic npm lockfile (lockfileVersion 3) of N packages, the same for the same N and seed:
// flat and nested node_modules entries, scoped names, dev/optional flags, integrity and resolved
// URLs on the example registry, and a few dependencies per package (a graph, not a list).
import { createHash } from "node:crypto";

function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns { lockfile, manifest } as objects for a project of `count` packages. */
export function syntheticProject(count, seed = 20_000) {
  const random = prng(seed);
  const pick = (n) => Math.floor(random() * n);
  const names = [];
  for (let i = 0; i < count; i++) names.push(i % 7 === 0 ? `@synthetic-scope${i % 50}/pkg-${i}` : `synthetic-pkg-${i}`);
  const version = (i) => `${1 + (i % 9)}.${i % 13}.${i % 5}`;
  const packages = {};
  const directProd = {};
  const directDev = {};
  // Packages with i % 10 === 9 exist only nested (see below), so the root does not ask for them.
  for (let i = 0; i < Math.min(60, count); i++) if (i % 10 !== 9) directProd[names[i]] = `^${version(i)}`;
  for (let i = 60; i < Math.min(100, count); i++) if (i % 10 !== 9) directDev[names[i]] = `^${version(i)}`;
  packages[""] = { name: "synthetic-app", version: "1.0.0", dependencies: directProd, devDependencies: directDev };
  for (let i = 0; i < count; i++) {
    const name = names[i];
    // Every 10th package also has a second version nested under its first dependent.
    const nestedUnder = i % 10 === 9 && i > 0 ? names[i - 1] : undefined;
    const path = nestedUnder ? `node_modules/${nestedUnder}/node_modules/${name}` : `node_modules/${name}`;
    const v = nestedUnder ? `0.${i % 7}.${i % 3}` : version(i);
    const tarball = name.split("/").pop();
    const entry = {
      version: v,
      resolved: `https://registry.example.org/${name}/-/${tarball}-${v}.tgz`,
      integrity: `sha512-${createHash("sha512").update(`${name}@${v}`).digest("base64")}`,
      license: i % 11 === 0 ? "(MIT OR Apache-2.0)" : "MIT",
    };
    const deps = {};
    for (let d = 0, n = pick(4); d < n; d++) {
      const target = i + 1 + pick(Math.max(1, count - i - 1));
      if (target < count && target % 10 !== 9) deps[names[target]] = `^${version(target)}`;
    }
    if (Object.keys(deps).length > 0) entry.dependencies = deps;
    if (i >= 60 && i < 100) entry.dev = true;
    else if (i > 100 && i % 4 === 0) entry.dev = true;
    if (i % 97 === 0 && i > 100) entry.optional = true;
    packages[path] = entry;
    if (nestedUnder) {
      const parent = packages[`node_modules/${nestedUnder}`];
      parent.dependencies = { ...(parent.dependencies ?? {}), [name]: `^${v}` };
    }
  }
  // Every package is depended on by an earlier one, so all of them are reachable from the root
  // (npm sbom leaves unreachable, extraneous packages out).
  for (let i = 100; i < count; i++) {
    if (i % 10 === 9) continue;
    let parent = pick(i);
    while (parent % 10 === 9) parent = pick(i);
    const entry = packages[`node_modules/${names[parent]}`];
    entry.dependencies = { ...(entry.dependencies ?? {}), [names[i]]: `^${version(i)}` };
  }
  const lockfile = { name: "synthetic-app", version: "1.0.0", lockfileVersion: 3, requires: true, packages };
  const manifest = { name: "synthetic-app", version: "1.0.0", dependencies: directProd, devDependencies: directDev };
  return { lockfile, manifest };
}
