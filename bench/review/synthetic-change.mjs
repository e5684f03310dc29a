// A deterministic synthetic change of a 20,000-package npm graph for the review benchmark:
// the head keeps 80% of the base's packages, bumps 10%, drops 10% and adds as many new ones.
import { GraphBuilder } from "@tollgate/inventory";

/** mulberry32: a small deterministic PRNG so every run reviews the same change. */
function prng(seed) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LICENSES = ["MIT", "ISC", "Apache-2.0", "BSD-3-Clause", "MIT OR Apache-2.0", "GPL-3.0-only", "UNLICENSED"];

function build(packages, random) {
  const b = new GraphBuilder();
  const root = b.addComponent({ ecosystem: "npm", name: "synthetic-app", version: "1.0.0", role: "root" });
  const ids = [];
  packages.forEach((p, i) => {
    const id = b.addComponent({
      ecosystem: "npm",
      name: p.name,
      version: p.version,
      license: p.license,
      source: { type: "registry", url: `https://registry.example.org/${p.name}/-/${p.name}-${p.version}.tgz` },
      location: { file: "package-lock.json", line: 10 + i * 12 },
    });
    ids.push(id);
    if (i < 200) b.addEdge(root, id, "prod");
    else for (let k = 0; k < 3; k++) b.addEdge(ids[Math.floor(random() * i)], id, "prod");
  });
  return b.build({ id: "tollgate:root", name: "synthetic-app" });
}

/** Base and head graphs of `size` packages each. */
export function syntheticChange(size) {
  const random = prng(20_000);
  const base = Array.from({ length: size }, (_, i) => ({
    name: `pkg-${i.toString(36)}`,
    version: `${1 + (i % 5)}.${i % 13}.${i % 7}`,
    license: LICENSES[i % LICENSES.length],
  }));
  const head = [];
  for (const p of base) {
    const roll = random();
    if (roll < 0.1) head.push({ ...p, version: p.version.replace(/^(\d+)/, (m) => String(Number(m) + 1)) });
    else if (roll >= 0.2) head.push(p);
  }
  for (let i = 0; head.length < size; i++)
    head.push({ name: `new-${i.toString(36)}`, version: "0.1.0", license: LICENSES[i % LICENSES.length] });
  return { base: build(base, prng(1)), head: build(head, prng(2)) };
}
