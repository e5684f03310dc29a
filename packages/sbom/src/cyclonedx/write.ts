// Subpath imports: the library's root index also loads its validators, whose schema paths use
// __dirname, which does not exist in the ESM bundles of the actions.
import * as Enums from "@cyclonedx/cyclonedx-library/Enums";
import * as Models from "@cyclonedx/cyclonedx-library/Models";
import * as Serialize from "@cyclonedx/cyclonedx-library/Serialize";
import * as Spec from "@cyclonedx/cyclonedx-library/Spec";
import type { Component, DependencyGraph, Edge } from "@tollgate/inventory";
import { arrayMarker, type DocumentChunks, documentChunks, type StreamedDocument } from "../shared/chunks.js";
import { compareStrings } from "../shared/compare.js";
import { outgoingEdges } from "../shared/edges.js";
import { classifyLicense } from "../shared/license.js";
import { toGroupAndName } from "../shared/names.js";
import { SUPPLIER_PROPERTY, TOOL_NAME, type WriteSbomOptions } from "../shared/options.js";
import { DOWNLOADABLE_SOURCES, encodeComponent, PROPERTY } from "../shared/properties.js";

/** CycloneDX versions Tollgate writes. */
export type CycloneDxSpecVersion = "1.6" | "1.5";

export interface ToCycloneDxOptions extends WriteSbomOptions {
  /** Default 1.6. */
  specVersion?: CycloneDxSpecVersion;
}

/** A CycloneDX JSON document as plain data (what JSON.parse of the file gives). */
export type CycloneDxDocument = Record<string, unknown> & { components: Array<Record<string, unknown>> };

const SPECS = { "1.6": Spec.Spec1dot6, "1.5": Spec.Spec1dot5 } as const;
const SCOPES = {
  required: Enums.ComponentScope.Required,
  optional: Enums.ComponentScope.Optional,
  development: Enums.ComponentScope.Excluded,
} as const;

/**
 * Builds a CycloneDX JSON document of the graph with @cyclonedx/cyclonedx-library.
 * Lists are sorted in code-unit order and the serial number is a UUIDv5 of the content,
 * so the same graph and timestamp always give the same bytes (see serializeSbom).
 */
export function toCycloneDx(graph: DependencyGraph, options: ToCycloneDxOptions): CycloneDxDocument {
  return JSON.parse(Buffer.concat(cycloneDxChunks(graph, options)).toString("utf8")) as CycloneDxDocument;
}

/**
 * The text of toCycloneDx's document (`serializeSbom` of it, byte for byte) in pieces: each
 * component is made as a library model, normalized by the library and printed one batch at a time,
 * so a large graph never holds every model at once.
 */
export function cycloneDxChunks(graph: DependencyGraph, options: ToCycloneDxOptions): DocumentChunks {
  return documentChunks(cycloneDxDocument(graph, options));
}

/** toCycloneDx's document as a StreamedDocument: components and dependencies are made while it is written. */
export function cycloneDxDocument(graph: DependencyGraph, options: ToCycloneDxOptions): StreamedDocument {
  const factory = new Serialize.JSON.Normalize.Factory(SPECS[options.specVersion ?? "1.6"]);
  const normalizer = factory.makeForComponent();
  const out = outgoingEdges(graph);
  function* components(): Iterable<unknown> {
    for (const component of graph.components) {
      // No sortLists: the library would sort with localeCompare, and sortInCodeUnitOrder sorts every list
      // toModel can fill with more than one element (hashes, properties) anyway.
      const normalized = normalizer.normalize(toModel(component, out.get(component.id) ?? []), { sortLists: false });
      if (normalized) yield sortInCodeUnitOrder(normalized as unknown as Json);
    }
  }
  function* dependencies(): Iterable<unknown> {
    const known = new Set([graph.root.id, ...graph.components.map((c) => c.id)]);
    for (const ref of [...known].sort(compareStrings)) {
      const targets = [...new Set((out.get(ref) ?? []).map((e) => e.to))].filter((t) => t !== ref && known.has(t));
      yield targets.length > 0 ? { ref, dependsOn: targets.sort(compareStrings) } : { ref };
    }
  }
  const metadata = metadataOf(graph, options);
  return {
    header(serialNumber) {
      const bom = new Models.Bom({ metadata });
      if (serialNumber) bom.serialNumber = serialNumber;
      const doc = factory.makeForBom().normalize(bom, { sortLists: true }) as unknown as Json;
      return { ...doc, components: arrayMarker("components"), dependencies: arrayMarker("dependencies") };
    },
    identityKey: "serialNumber",
    identityOf: (uuid) => `urn:uuid:${uuid}`,
    arrays: [
      ["components", components],
      ["dependencies", dependencies],
    ],
  };
}

type Json = Record<string, unknown>;

/**
 * The whole graph as one @cyclonedx/cyclonedx-library Bom model (for callers that want the
 * library's own serializers, e.g. XML). toCycloneDx writes the same components and dependencies.
 */
export function toCycloneDxBom(graph: DependencyGraph, options: ToCycloneDxOptions): Models.Bom {
  const bom = new Models.Bom({ metadata: metadataOf(graph, options) });
  const out = outgoingEdges(graph);
  const byId = new Map<string, Models.Component>();
  if (bom.metadata.component) byId.set(graph.root.id, bom.metadata.component);
  for (const component of graph.components) {
    const model = toModel(component, out.get(component.id) ?? []);
    byId.set(component.id, model);
    bom.components.add(model);
  }
  for (const edge of graph.edges) {
    const to = byId.get(edge.to);
    if (to) byId.get(edge.from)?.dependencies.add(to.bomRef);
  }
  return bom;
}

function metadataOf(graph: DependencyGraph, options: ToCycloneDxOptions): Models.Metadata {
  const rootComponent = new Models.Component(Enums.ComponentType.Application, graph.root.name, {
    bomRef: graph.root.id,
    ...(graph.root.version ? { version: graph.root.version } : {}),
    ...(graph.root.purl ? { purl: graph.root.purl } : {}),
  });
  for (const lockfile of graph.lockfiles) {
    rootComponent.properties.add(
      new Models.Property(PROPERTY.lockfile, `${lockfile.format} ${lockfile.ecosystem} ${lockfile.path}`),
    );
  }
  return new Models.Metadata({
    timestamp: options.timestamp,
    component: rootComponent,
    tools: new Models.Tools({
      components: new Models.ComponentRepository([
        new Models.Component(Enums.ComponentType.Application, TOOL_NAME, { version: options.toolVersion }),
      ]),
    }),
    authors: new Models.OrganizationalContactRepository([
      new Models.OrganizationalContact({ name: options.author ?? "Tollgate" }),
    ]),
  });
}

function toModel(component: Component, outgoing: Edge[]): Models.Component {
  const { group, name } = toGroupAndName(component.ecosystem, component.name);
  const model = new Models.Component(
    component.role === "dependency" ? Enums.ComponentType.Library : Enums.ComponentType.Application,
    name,
    {
      bomRef: component.id,
      version: component.version,
      purl: component.purl,
      scope: SCOPES[component.scope],
      ...(group ? { group } : {}),
    },
  );
  for (const hash of component.hashes) {
    // CycloneDX holds one digest per algorithm; a second one (two lockfiles disagreeing) is kept as a property.
    if (model.hashes.has(hash.alg as Enums.HashAlgorithm)) {
      model.properties.add(new Models.Property(PROPERTY.extraHash, `${hash.alg}:${hash.content}`));
    } else model.hashes.set(hash.alg as Enums.HashAlgorithm, hash.content);
  }
  if (component.license !== undefined) model.licenses.add(toLicense(component.license));
  const supplier = component.properties[SUPPLIER_PROPERTY];
  if (supplier) model.supplier = new Models.OrganizationalEntity({ name: supplier });
  if (component.source?.url && DOWNLOADABLE_SOURCES.has(component.source.type)) {
    const type =
      component.source.type === "git" ? Enums.ExternalReferenceType.VCS : Enums.ExternalReferenceType.Distribution;
    model.externalReferences.add(new Models.ExternalReference(component.source.url, type));
  }
  for (const [key, value] of encodeComponent(component, outgoing))
    model.properties.add(new Models.Property(key, value));
  return model;
}

function toLicense(value: string): Models.License {
  const form = classifyLicense(value);
  if (form.kind === "expression") return new Models.LicenseExpression(form.expression);
  if (form.kind === "id") {
    try {
      return new Models.SpdxLicense(form.id);
    } catch {
      // An id the library's list does not know (yet) is written as an expression, which the schema allows.
      return new Models.LicenseExpression(form.id);
    }
  }
  return new Models.NamedLicense(form.name);
}

/** Sorts the lists toModel fills with more than one element in code-unit order (the library's sortLists would use localeCompare, which depends on the locale). */
function sortInCodeUnitOrder(component: Json): Json {
  const props = component.properties as Array<{ name: string; value: string }> | undefined;
  props?.sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.value, b.value));
  const hashes = component.hashes as Array<{ alg: string; content: string }> | undefined;
  hashes?.sort((a, b) => compareStrings(a.alg, b.alg));
  return component;
}
