import type { DependencyGraph, EdgeKind, Hash, RootComponent, Source } from "@tollgate/inventory";
import { GraphBuilder } from "@tollgate/inventory";
import { SbomError } from "../errors.js";
import { SUPPLIER_PROPERTY } from "../shared/options.js";
import { type DecodedComponent, decodeComponent, PROPERTY } from "../shared/properties.js";
import { addDecoded, hashAlgorithm, parseLockfileValue, purlEcosystem } from "../shared/readback.js";
import { commentToPairs, ROOT_SPDX_ID } from "./ids.js";
import type { SpdxDocument, SpdxPackage } from "./types.js";

const RELATIONSHIP_KIND: Record<string, { kind: EdgeKind; reversed: boolean }> = {
  DEPENDS_ON: { kind: "prod", reversed: false },
  DEPENDENCY_OF: { kind: "prod", reversed: true },
  RUNTIME_DEPENDENCY_OF: { kind: "prod", reversed: true },
  DEV_DEPENDENCY_OF: { kind: "dev", reversed: true },
  TEST_DEPENDENCY_OF: { kind: "dev", reversed: true },
  BUILD_DEPENDENCY_OF: { kind: "dev", reversed: true },
  OPTIONAL_DEPENDENCY_OF: { kind: "optional", reversed: true },
  PROVIDED_DEPENDENCY_OF: { kind: "peer", reversed: true },
  // npm sbom writes peer dependencies as PREREQUISITE_FOR.
  PREREQUISITE_FOR: { kind: "peer", reversed: true },
};

/** Builds the dependency graph an SPDX 2.3 JSON document (already schema-valid) describes. */
export function graphFromSpdx(document: unknown, shownAs: string): DependencyGraph {
  const doc = document as SpdxDocument & { documentDescribes?: string[] };
  const builder = new GraphBuilder();
  const relationships = doc.relationships ?? [];
  const described = new Set([
    ...(doc.documentDescribes ?? []),
    ...relationships
      .filter((r) => r.spdxElementId === "SPDXRef-DOCUMENT" && r.relationshipType === "DESCRIBES")
      .map((r) => r.relatedSpdxElement),
  ]);
  const byId = new Map((doc.packages ?? []).map((p) => [p.SPDXID, p]));
  let root: RootComponent = { id: "tollgate:root", name: doc.name };
  const idOf = new Map<string, string>();
  const ownRoot = byId.get(ROOT_SPDX_ID);
  if (ownRoot && described.has(ROOT_SPDX_ID)) {
    root = { id: "tollgate:root", name: ownRoot.name };
    if (ownRoot.versionInfo) root.version = ownRoot.versionInfo;
    const purl = purlOf(ownRoot);
    if (purl) root.purl = purl;
    idOf.set(ROOT_SPDX_ID, root.id);
    for (const [name, value] of pairsOf(ownRoot)) {
      const lockfile = name === PROPERTY.lockfile ? parseLockfileValue(value) : undefined;
      if (lockfile) builder.addLockfile(lockfile);
    }
  }
  const licenseNames = new Map(
    (doc.hasExtractedLicensingInfos ?? []).map((l) => [l.licenseId, l.name ?? l.extractedText]),
  );
  const decodedOf = new Map<string, DecodedComponent>();
  for (const pkg of doc.packages ?? []) {
    if (idOf.has(pkg.SPDXID)) continue;
    const purl = purlOf(pkg);
    const known = purl ? purlEcosystem(purl) : undefined;
    if (!purl || !known) {
      builder.warn({
        code: "SBOM_COMPONENT_SKIPPED",
        message: `package ${pkg.name} (${pkg.SPDXID}) has ${purl ? `a package type Tollgate does not audit (${purl})` : "no purl"}; it is left out of the graph`,
        location: { file: shownAs },
      });
      continue;
    }
    const pairs = pairsOf(pkg);
    const decoded = decodeComponent(pairs);
    const ours = pairs.some(([name]) => name === PROPERTY.scope);
    const properties = { ...decoded.properties };
    const supplier = /^(?:Organization|Person): (.+)$/.exec(pkg.supplier ?? "")?.[1];
    if (supplier && !(SUPPLIER_PROPERTY in properties)) properties[SUPPLIER_PROPERTY] = supplier;
    const id = addDecoded(
      builder,
      {
        ecosystem: known.ecosystem,
        name: ours ? pkg.name : (known.name ?? pkg.name),
        version: pkg.versionInfo ?? known.version ?? "",
        purl,
        role: decoded.role ?? (described.has(pkg.SPDXID) ? "root" : "dependency"),
        ...(decoded.scope ? { scope: decoded.scope } : {}),
        ...(ours ? { direct: decoded.direct ?? false } : {}),
        hashes: hashesOf(pkg),
        ...licenseOf(pkg.licenseDeclared, licenseNames),
        ...sourceOf(pkg, decoded),
        properties,
      },
      decoded,
    );
    idOf.set(pkg.SPDXID, id);
    decodedOf.set(id, decoded);
  }
  for (const rel of relationships) {
    const mapping = RELATIONSHIP_KIND[rel.relationshipType];
    if (!mapping) continue;
    const from = idOf.get(mapping.reversed ? rel.relatedSpdxElement : rel.spdxElementId);
    const to = idOf.get(mapping.reversed ? rel.spdxElementId : rel.relatedSpdxElement);
    if (from === undefined || to === undefined) continue;
    const peer = mapping.kind === "prod" && rel.comment === "peer dependency";
    builder.addEdge(from, to, peer ? "peer" : mapping.kind);
  }
  return builder.build(root);
}

function purlOf(pkg: SpdxPackage): string | undefined {
  return pkg.externalRefs?.find((r) => r.referenceType === "purl")?.referenceLocator;
}

function pairsOf(pkg: SpdxPackage): Array<[string, string]> {
  return (pkg.annotations ?? [])
    .filter((a) => a.annotator.startsWith("Tool: tollgate-"))
    .flatMap((a) => commentToPairs(a.comment));
}

function hashesOf(pkg: SpdxPackage): Hash[] {
  return (pkg.checksums ?? []).flatMap((c) => {
    const alg = hashAlgorithm(c.algorithm);
    return alg ? [{ alg, content: c.checksumValue.toLowerCase() }] : [];
  });
}

function licenseOf(declared: string | undefined, names: Map<string, string>): { license?: string } {
  if (!declared || declared === "NOASSERTION" || declared === "NONE") return {};
  return { license: names.get(declared) ?? declared };
}

function sourceOf(pkg: SpdxPackage, decoded: DecodedComponent): { source?: Source } {
  const location = pkg.downloadLocation;
  const url = location && location !== "NOASSERTION" && location !== "NONE" ? location : decoded.sourceUrl;
  if (url === undefined) return decoded.sourceType ? { source: { type: decoded.sourceType } } : {};
  return { source: { type: decoded.sourceType ?? (url.startsWith("git+") ? "git" : "url"), url } };
}

/** Fails with SBOM_FORMAT unless the document is SPDX 2.3. */
export function checkSpdxVersion(document: Record<string, unknown>, shownAs: string): void {
  if (document.spdxVersion === "SPDX-2.3") return;
  throw new SbomError("SBOM_FORMAT", `${shownAs} is ${String(document.spdxVersion)}, which Tollgate does not read`, {
    location: { file: shownAs },
    hint: "Tollgate reads SPDX 2.3 JSON; convert the document with the SPDX tools",
  });
}
