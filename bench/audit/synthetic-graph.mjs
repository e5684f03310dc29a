// A deterministic synthetic dependency graph for the audit benchmark: half the components are
// packages named by corpus advisories (each package equally likely, at versions taken from its
// range events), half packages no advisory names. Ids are spec-correct purls, so the graph can
// also be written as an SBOM and audited by the CLI.
import { makePurl } from "@tollgate/inventory";

/** A small deterministic PRNG (mulberry32), so every run audits the same graph. */
function prng(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ECOSYSTEMS = new Set(["npm", "crates.io", "Go", "PyPI", "Maven"]);

/** Builds `size` dependency components (plus one root), each depending on up to 3 earlier ones. */
export function synthesizeGraph(records, size) {
  const random = prng(20_000);
  const byPackage = new Map();
  for (const record of records) {
    for (const a of record.affected ?? []) {
      if (!a.package || !ECOSYSTEMS.has(a.package.ecosystem)) continue;
      const versions = (a.ranges ?? [])
        .filter((r) => r.type !== "GIT")
        .flatMap((r) => r.events.flatMap((e) => Object.values(e)))
        .filter((v) => v !== "0");
      const key = `${a.package.ecosystem}\0${a.package.name}`;
      const entry = byPackage.get(key) ?? { ecosystem: a.package.ecosystem, name: a.package.name, versions: [] };
      entry.versions.push(...versions);
      byPackage.set(key, entry);
    }
  }
  // Each package equally likely, whatever the number of its advisories.
  const known = [...byPackage.values()].filter((k) => k.versions.length > 0).sort((a, b) => (a.name < b.name ? -1 : 1));
  const components = [];
  const seen = new Set();
  while (components.length < size) {
    let ecosystem;
    let name;
    let version;
    if (random() < 0.5 && known.length > 0) {
      const k = known[Math.floor(random() * known.length)];
      ecosystem = k.ecosystem;
      name = k.name;
      version = k.versions[Math.floor(random() * k.versions.length)];
    } else {
      ecosystem = "npm";
      name = `synthetic-${components.length}`;
      version = `${Math.floor(random() * 5)}.${Math.floor(random() * 20)}.${Math.floor(random() * 10)}`;
    }
    if (ecosystem === "Go") version = `v${version}`;
    const id = makePurl(ecosystem, name, version);
    if (seen.has(id)) continue;
    seen.add(id);
    components.push({
      id,
      ecosystem,
      name,
      version,
      purl: id,
      role: "dependency",
      scope: "required",
      direct: components.length < 200,
      hashes: [],
      properties: {},
      locations: [{ file: "synthetic.lock", line: components.length + 1 }],
    });
  }
  const root = {
    ...components[0],
    id: "pkg:npm/app@1.0.0",
    name: "app",
    version: "1.0.0",
    role: "root",
    direct: false,
  };
  const edges = components.slice(0, 200).map((c) => ({ from: root.id, to: c.id, kind: "prod" }));
  for (let i = 200; i < components.length; i++) {
    for (let k = 0; k < 3; k++)
      edges.push({ from: components[Math.floor(random() * i)].id, to: components[i].id, kind: "prod" });
  }
  return {
    root: { id: "tollgate:root", name: "synthetic" },
    components: [root, ...components],
    edges,
    lockfiles: [{ path: "synthetic.lock", format: "npm-package-lock", ecosystem: "npm" }],
    warnings: [],
  };
}
