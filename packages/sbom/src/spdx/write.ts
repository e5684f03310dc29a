import type { Component, DependencyGraph, Edge, HashAlgorithm } from "@tollgate/inventory";
import { arrayMarker, type DocumentChunks, documentChunks, type StreamedDocument } from "../shared/chunks.js";
import { compareStrings } from "../shared/compare.js";
import { outgoingEdges } from "../shared/edges.js";
import { classifyLicense } from "../shared/license.js";
import { SUPPLIER_PROPERTY, TOOL_NAME, type WriteSbomOptions } from "../shared/options.js";
import { DOWNLOADABLE_SOURCES, encodeComponent, PROPERTY } from "../shared/properties.js";
import { isoSeconds } from "../shared/timestamp.js";
import { licenseRefId, packageSpdxId, pairsToComment, ROOT_SPDX_ID } from "./ids.js";
import type { SpdxDocument, SpdxPackage, SpdxRelationship } from "./types.js";

/** Options of toSpdx (the same as for CycloneDX, without a spec version: always SPDX 2.3). */
export type ToSpdxOptions = WriteSbomOptions;

/** Where documentNamespace URIs live; they identify documents and are never fetched. */
export const NAMESPACE_BASE = "https://tollgate-dev.github.io/spdxdocs";

/** SPDX checksum algorithm names of the graph model's hash algorithms. */
export const SPDX_CHECKSUM: Record<HashAlgorithm, string> = {
  MD5: "MD5",
  "SHA-1": "SHA1",
  "SHA-256": "SHA256",
  "SHA-384": "SHA384",
  "SHA-512": "SHA512",
};

const EDGE_PAIR = /^tollgate:(prod|dev|optional|peer)-dependency$/;

/**
 * Builds an SPDX 2.3 JSON document of the graph: one package per component plus one for
 * the graph root (DESCRIBES), DEPENDS_ON / DEV_DEPENDENCY_OF / OPTIONAL_DEPENDENCY_OF
 * relationships, and a documentNamespace that is a UUIDv5 of the content.
 */
export function toSpdx(graph: DependencyGraph, options: ToSpdxOptions): SpdxDocument {
  return JSON.parse(Buffer.concat(spdxChunks(graph, options)).toString("utf8")) as SpdxDocument;
}

/** The text of toSpdx's document (`serializeSbom` of it, byte for byte) in pieces, one batch of packages at a time. */
export function spdxChunks(graph: DependencyGraph, options: ToSpdxOptions): DocumentChunks {
  return documentChunks(spdxDocument(graph, options));
}

/** toSpdx's document as a StreamedDocument: packages are made while it is written. */
export function spdxDocument(graph: DependencyGraph, options: ToSpdxOptions): StreamedDocument {
  const created = isoSeconds(options.timestamp);
  const annotator = `Tool: ${TOOL_NAME}-${options.toolVersion}`;
  const spdxIds = new Map<string, string>([[graph.root.id, ROOT_SPDX_ID]]);
  for (const c of graph.components) spdxIds.set(c.id, packageSpdxId(c.name, c.version, c.id));
  const out = outgoingEdges(graph);
  const extracted = new Map<string, string>();
  const annotate = (pairs: Array<[string, string]>) =>
    pairs.length === 0
      ? []
      : [{ annotationDate: created, annotationType: "OTHER", annotator, comment: pairsToComment(pairs) }];

  const rootPackage: SpdxPackage = {
    SPDXID: ROOT_SPDX_ID,
    name: graph.root.name,
    ...(graph.root.version ? { versionInfo: graph.root.version } : {}),
    downloadLocation: "NOASSERTION",
    filesAnalyzed: false,
    primaryPackagePurpose: "APPLICATION",
    ...(graph.root.purl ? { externalRefs: [purlRef(graph.root.purl)] } : {}),
    annotations: annotate(
      graph.lockfiles.map((l) => [PROPERTY.lockfile, `${l.format} ${l.ecosystem} ${l.path}`] as [string, string]),
    ),
  };
  if (rootPackage.annotations?.length === 0) delete rootPackage.annotations;
  const order: Array<[string, Component | undefined]> = [[ROOT_SPDX_ID, undefined]];
  for (const c of graph.components) order.push([spdxIds.get(c.id) as string, c]);
  order.sort(([a], [b]) => compareStrings(a, b));
  function* packages(): Iterable<unknown> {
    for (const [spdxId, c] of order)
      yield c ? toPackage(c, spdxId, out.get(c.id) ?? [], extracted, annotate) : rootPackage;
  }

  const relationships: SpdxRelationship[] = [
    { spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: ROOT_SPDX_ID },
  ];
  for (const edge of graph.edges) {
    const from = spdxIds.get(edge.from);
    const to = spdxIds.get(edge.to);
    if (from && to) relationships.push(toRelationship(edge, from, to));
  }
  relationships.sort(
    (a, b) =>
      compareStrings(a.spdxElementId, b.spdxElementId) ||
      compareStrings(a.relationshipType, b.relationshipType) ||
      compareStrings(a.relatedSpdxElement, b.relatedSpdxElement) ||
      compareStrings(a.comment ?? "", b.comment ?? ""),
  );
  const header = (documentNamespace = ""): Record<string, unknown> => ({
    spdxVersion: "SPDX-2.3",
    dataLicense: "CC0-1.0",
    SPDXID: "SPDXRef-DOCUMENT",
    name: graph.root.name,
    documentNamespace,
    creationInfo: { created, creators: [`Organization: ${options.author ?? "Tollgate"}`, annotator] },
    packages: arrayMarker("packages"),
    relationships: arrayMarker("relationships"),
    ...(extracted.size > 0
      ? {
          hasExtractedLicensingInfos: [...extracted]
            .sort(([a], [b]) => compareStrings(a, b))
            .map(([licenseId, text]) => ({ licenseId, extractedText: text, name: text })),
        }
      : {}),
  });
  const slug = graph.root.name.replace(/[^A-Za-z0-9._-]+/g, "-") || "sbom";
  return {
    header,
    identityKey: "documentNamespace",
    // Hashed with an empty namespace.
    identityOf: (uuid) => `${NAMESPACE_BASE}/${slug}-${uuid}`,
    arrays: [
      ["packages", packages],
      ["relationships", () => relationships],
    ],
  };
}

function toPackage(
  component: Component,
  spdxId: string,
  outgoing: Edge[],
  extracted: Map<string, string>,
  annotate: (pairs: Array<[string, string]>) => SpdxPackage["annotations"],
): SpdxPackage {
  // Edge kinds are relationship types in SPDX, so the edge pairs are left out of the annotation.
  const pairs = encodeComponent(component, outgoing).filter(([k]) => !EDGE_PAIR.test(k));
  const source = component.source;
  const downloadable = source?.url !== undefined && DOWNLOADABLE_SOURCES.has(source.type);
  const supplier = component.properties[SUPPLIER_PROPERTY];
  const pkg: SpdxPackage = {
    SPDXID: spdxId,
    name: component.name,
    versionInfo: component.version,
    supplier: supplier ? `Organization: ${supplier}` : "NOASSERTION",
    downloadLocation: downloadable ? (source?.url as string) : "NOASSERTION",
    filesAnalyzed: false,
    licenseConcluded: "NOASSERTION",
    licenseDeclared: component.license === undefined ? "NOASSERTION" : declaredLicense(component.license, extracted),
    copyrightText: "NOASSERTION",
    externalRefs: [purlRef(component.purl)],
    primaryPackagePurpose: component.role === "dependency" ? "LIBRARY" : "APPLICATION",
    annotations: annotate(pairs),
  };
  if (component.hashes.length > 0) {
    pkg.checksums = component.hashes.map((h) => ({ algorithm: SPDX_CHECKSUM[h.alg], checksumValue: h.content }));
  }
  return pkg;
}

function declaredLicense(value: string, extracted: Map<string, string>): string {
  const form = classifyLicense(value);
  if (form.kind === "id") return form.id;
  if (form.kind === "expression") return form.expression;
  const id = licenseRefId(form.name);
  extracted.set(id, form.name);
  return id;
}

function purlRef(purl: string) {
  return { referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: purl };
}

function toRelationship(edge: Edge, from: string, to: string): SpdxRelationship {
  if (edge.kind === "dev")
    return { spdxElementId: to, relationshipType: "DEV_DEPENDENCY_OF", relatedSpdxElement: from };
  if (edge.kind === "optional") {
    return { spdxElementId: to, relationshipType: "OPTIONAL_DEPENDENCY_OF", relatedSpdxElement: from };
  }
  const rel: SpdxRelationship = { spdxElementId: from, relationshipType: "DEPENDS_ON", relatedSpdxElement: to };
  if (edge.kind === "peer") rel.comment = "peer dependency";
  return rel;
}
