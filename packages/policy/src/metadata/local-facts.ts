import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Component, DependencyGraph } from "@tollgate/inventory";
import type { PackageFacts } from "../checks/licenses.js";

/** Merges a fact into the map, keeping what is already known. */
export function addFact(facts: Map<string, PackageFacts>, id: string, fact: PackageFacts): void {
  const known = facts.get(id) ?? {};
  const merged: PackageFacts = { ...fact, ...known };
  if (known.license === undefined && fact.license !== undefined) merged.origin = fact.origin;
  facts.set(id, merged);
}

function indexComponents(
  graph: DependencyGraph,
  ecosystem: string,
  key: (name: string) => string,
): Map<string, Component> {
  const map = new Map<string, Component>();
  for (const c of graph.components)
    if (c.ecosystem === ecosystem && c.role === "dependency") map.set(`${key(c.name)}@${c.version}`, c);
  return map;
}

function licenseOf(manifest: Record<string, unknown>): string | undefined {
  const license = manifest.license;
  if (typeof license === "string") return license;
  if (license !== null && typeof license === "object" && typeof (license as { type?: unknown }).type === "string") {
    return (license as { type: string }).type;
  }
  return undefined;
}

/** Deprecation messages (and licenses) that npm lockfiles v2/v3 record in their `packages` entries. */
export async function npmLockfileFacts(
  graph: DependencyGraph,
  dir: string,
  facts: Map<string, PackageFacts>,
): Promise<void> {
  const npm = indexComponents(graph, "npm", (n) => n);
  for (const lockfile of graph.lockfiles.filter((l) => l.format === "npm-package-lock")) {
    const text = await readFile(join(dir, lockfile.path), "utf8").catch(() => undefined);
    if (text === undefined) continue;
    const packages = (JSON.parse(text) as { packages?: Record<string, Record<string, unknown>> }).packages ?? {};
    for (const [path, entry] of Object.entries(packages)) {
      const name = typeof entry.name === "string" ? entry.name : path.split("node_modules/").at(-1);
      const component = npm.get(`${name}@${String(entry.version)}`);
      if (component === undefined) continue;
      const fact: PackageFacts = { origin: lockfile.path };
      if (typeof entry.deprecated === "string") fact.deprecated = entry.deprecated;
      const license = licenseOf(entry);
      if (license !== undefined) fact.license = license;
      if (fact.deprecated !== undefined || fact.license !== undefined) addFact(facts, component.id, fact);
    }
  }
}

/** Licenses and deprecations from installed npm packages (`node_modules/<name>/package.json`). */
export async function nodeModulesFacts(
  graph: DependencyGraph,
  dir: string,
  facts: Map<string, PackageFacts>,
): Promise<void> {
  for (const c of graph.components) {
    if (c.ecosystem !== "npm" || c.role !== "dependency") continue;
    const file = join("node_modules", c.name, "package.json");
    const text = await readFile(join(dir, file), "utf8").catch(() => undefined);
    if (text === undefined) continue;
    let manifest: Record<string, unknown>;
    try {
      manifest = JSON.parse(text) as Record<string, unknown>;
    } catch {
      continue;
    }
    if (manifest.version !== c.version) continue;
    const fact: PackageFacts = { origin: file };
    const license = licenseOf(manifest);
    if (license !== undefined) fact.license = license;
    if (typeof manifest.deprecated === "string") fact.deprecated = manifest.deprecated;
    addFact(facts, c.id, fact);
  }
}

/** PEP 503 normalisation of a Python distribution name. */
export function pep503(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, "-");
}

/** Reads `Name`, `Version`, `License-Expression` (PEP 639) or else `License` from a METADATA file's headers. */
export function parseMetadata(text: string): { name?: string; version?: string; license?: string } {
  const out: { name?: string; version?: string; license?: string } = {};
  let expression: string | undefined;
  let legacy: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === "") break;
    const match = /^([A-Za-z-]+):\s?(.*)$/.exec(line);
    if (!match) continue;
    const [, key, value] = match as unknown as [string, string, string];
    if (key === "Name") out.name = value.trim();
    else if (key === "Version") out.version = value.trim();
    else if (key === "License-Expression") expression = value.trim();
    else if (key === "License" && value.trim() !== "" && value.trim() !== "UNKNOWN") legacy = value.trim();
  }
  const license = expression ?? legacy;
  if (license !== undefined) out.license = license;
  return out;
}

async function sitePackages(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const venv of [".venv", "venv", "env"]) {
    const lib = join(dir, venv, "lib");
    for (const python of await readdir(lib).catch(() => [] as string[])) {
      if (python.startsWith("python")) found.push(join(lib, python, "site-packages"));
    }
    found.push(join(dir, venv, "Lib", "site-packages"));
  }
  return found;
}

/** Licenses from installed Python distributions: `*.dist-info/METADATA` in the project's virtualenv (.venv, venv, env). */
export async function distInfoFacts(
  graph: DependencyGraph,
  dir: string,
  facts: Map<string, PackageFacts>,
): Promise<void> {
  const pypi = indexComponents(graph, "PyPI", pep503);
  if (pypi.size === 0) return;
  for (const site of await sitePackages(dir)) {
    for (const name of (await readdir(site).catch(() => [] as string[])).sort()) {
      if (!name.endsWith(".dist-info")) continue;
      const file = join(site, name, "METADATA");
      const text = await readFile(file, "utf8").catch(() => undefined);
      if (text === undefined) continue;
      const meta = parseMetadata(text);
      if (meta.name === undefined || meta.license === undefined) continue;
      const component = pypi.get(`${pep503(meta.name)}@${meta.version}`);
      if (component) addFact(facts, component.id, { license: meta.license, origin: file.slice(dir.length + 1) });
    }
  }
}
