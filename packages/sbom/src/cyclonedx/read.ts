import type { DependencyGraph, EdgeKind, Hash, RootComponent, Scope, Source } from "@tollgate/inventory";
import { GraphBuilder } from "@tollgate/inventory";
import { SbomError } from "../errors.js";
import { fromGroupAndName } from "../shared/names.js";
import { decodeComponent, PROPERTY } from "../shared/properties.js";
import { addDecoded, hashAlgorithm, parseLockfileValue, purlEcosystem } from "../shared/readback.js";

interface CdxComponent {
  type?: string;
  name?: string;
  group?: string;
  version?: string;
  "bom-ref"?: string;
  purl?: string;
  scope?: string;
  hashes?: Array<{ alg?: string; content?: string }>;
  licenses?: Array<{ license?: { id?: string; name?: string }; expression?: string }>;
  externalReferences?: Array<{ type?: string; url?: string }>;
  properties?: Array<{ name?: string; value?: string }>;
  components?: CdxComponent[];
}

interface CdxDocument {
  metadata?: { component?: CdxComponent };
  components?: CdxComponent[];
  dependencies?: Array<{ ref?: string; dependsOn?: string[] }>;
}

const CDX_SCOPE: Record<string, Scope> = { required: "required", optional: "optional", excluded: "development" };

/** Builds the dependency graph a CycloneDX JSON document (already schema-valid) describes. */
export function graphFromCycloneDx(document: unknown, shownAs: string): DependencyGraph {
  const doc = document as CdxDocument;
  const builder = new GraphBuilder();
  const idOfRef = new Map<string, string>();
  const kindsOf = new Map<string, Map<string, EdgeKind[]>>();
  const meta = doc.metadata?.component;
  let root: RootComponent = { id: "tollgate:root", name: meta?.name ?? shownAs };
  const metaRef = meta?.["bom-ref"];
  const metaIsRoot = meta !== undefined && (metaRef === "tollgate:root" || !meta.purl || !purlEcosystem(meta.purl));
  if (meta && metaIsRoot) {
    root = { id: metaRef || "tollgate:root", name: meta.name ?? shownAs };
    if (meta.version) root.version = meta.version;
    if (meta.purl) root.purl = meta.purl;
    if (metaRef) idOfRef.set(metaRef, root.id);
    for (const [name, value] of pairsOf(meta)) {
      const lockfile = name === PROPERTY.lockfile ? parseLockfileValue(value) : undefined;
      if (lockfile) builder.addLockfile(lockfile);
    }
  }
  const all = [...(meta && !metaIsRoot ? [{ ...meta, isProject: true }] : []), ...flatten(doc.components ?? [])];
  for (const c of all) {
    const known = c.purl ? purlEcosystem(c.purl) : undefined;
    if (!c.purl || !known) {
      builder.warn({
        code: "SBOM_COMPONENT_SKIPPED",
        message: `component ${c.name ?? c["bom-ref"] ?? "?"} has ${c.purl ? `a package type Tollgate does not audit (${c.purl})` : "no purl"}; it is left out of the graph`,
        location: { file: shownAs },
      });
      continue;
    }
    const decoded = decodeComponent(pairsOf(c));
    const ours = pairsOf(c).some(([name]) => name === PROPERTY.scope);
    const id = addDecoded(
      builder,
      {
        ecosystem: known.ecosystem,
        // Other tools disagree on names (npm sbom writes a workspace's folder name); their purl is authoritative.
        name: ours ? fromGroupAndName(known.ecosystem, c.group, c.name ?? "") : (known.name ?? c.name ?? ""),
        version: c.version ?? known.version ?? "",
        purl: c.purl,
        role: decoded.role ?? ("isProject" in c ? "root" : "dependency"),
        ...scopeOf(decoded.scope ?? foreignScope(c, decoded.properties)),
        ...(ours ? { direct: decoded.direct ?? false } : {}),
        hashes: [...hashesOf(c), ...extraHashes(decoded.extraHashes)],
        ...licenseOf(c),
        ...sourceOf(c, decoded.sourceType, decoded.sourceUrl),
        properties: decoded.properties,
      },
      decoded,
    );
    if (c["bom-ref"]) idOfRef.set(c["bom-ref"], id);
    kindsOf.set(id, decoded.edgeKinds);
  }
  for (const dependency of doc.dependencies ?? []) {
    const from = dependency.ref === undefined ? undefined : idOfRef.get(dependency.ref);
    if (from === undefined) continue;
    for (const ref of dependency.dependsOn ?? []) {
      const to = idOfRef.get(ref);
      if (to === undefined) continue;
      for (const kind of kindsOf.get(from)?.get(to) ?? ["prod"]) builder.addEdge(from, to, kind as EdgeKind);
    }
  }
  return builder.build(root);
}

function flatten(components: CdxComponent[]): CdxComponent[] {
  return components.flatMap((c) => [c, ...flatten(c.components ?? [])]);
}

function pairsOf(c: CdxComponent): Array<[string, string]> {
  return (c.properties ?? []).flatMap((p) =>
    typeof p.name === "string" && typeof p.value === "string" ? [[p.name, p.value] as [string, string]] : [],
  );
}

/** The scope of a component another tool wrote: npm's development marker, else the CycloneDX scope. */
function foreignScope(c: CdxComponent, properties: Record<string, string>): Scope | undefined {
  if (properties["cdx:npm:package:development"] === "true") return "development";
  return c.scope ? CDX_SCOPE[c.scope] : undefined;
}

function scopeOf(scope: Scope | undefined): { scope?: Scope } {
  return scope ? { scope } : {};
}

function hashesOf(c: CdxComponent): Hash[] {
  return (c.hashes ?? []).flatMap((h) => {
    const alg = h.alg ? hashAlgorithm(h.alg) : undefined;
    return alg && h.content ? [{ alg, content: h.content.toLowerCase() }] : [];
  });
}

/** The digests written as PROPERTY.extraHash (`<alg>:<hex>`). */
function extraHashes(values: string[]): Hash[] {
  return hashesOf({ hashes: values.map((v) => ({ alg: v.split(":")[0] ?? "", content: v.split(":")[1] ?? "" })) });
}

function licenseOf(c: CdxComponent): { license?: string } {
  const texts = (c.licenses ?? []).flatMap((l) => {
    const text = l.expression ?? l.license?.id ?? l.license?.name;
    return text ? [text] : [];
  });
  if (texts.length === 0) return {};
  return { license: texts.length === 1 ? (texts[0] as string) : texts.map((t) => `(${t})`).join(" AND ") };
}

function sourceOf(c: CdxComponent, declared: Source["type"] | undefined, localPath?: string): { source?: Source } {
  if (declared && localPath !== undefined) return { source: { type: declared, url: localPath } };
  const refs = c.externalReferences ?? [];
  const ref = refs.find((r) => r.type === "distribution" && r.url) ?? refs.find((r) => r.type === "vcs" && r.url);
  if (!ref?.url) return declared ? { source: { type: declared } } : {};
  return { source: { type: declared ?? (ref.type === "vcs" ? "git" : "url"), url: ref.url } };
}

/** Fails with SBOM_FORMAT unless the document is CycloneDX of a version Tollgate reads. */
export function cycloneDxVersion(document: Record<string, unknown>, shownAs: string): "1.4" | "1.5" | "1.6" {
  const version = document.specVersion;
  if (version === "1.4" || version === "1.5" || version === "1.6") return version;
  throw new SbomError("SBOM_FORMAT", `${shownAs} is CycloneDX ${String(version)}, which Tollgate does not read`, {
    location: { file: shownAs },
    hint: "supported CycloneDX versions are 1.4, 1.5 and 1.6 (JSON); convert with cyclonedx-cli",
  });
}
