import type { Component, Edge, EdgeKind, Location, Scope, SourceType } from "@tollgate/inventory";

/**
 * Facts of the graph model that neither SBOM format has a field for, written as
 * `tollgate:*` name/value pairs (CycloneDX properties, SPDX annotations) so that
 * reading an SBOM back gives the same graph.
 */
export const PROPERTY = {
  scope: "tollgate:scope",
  role: "tollgate:role",
  direct: "tollgate:direct",
  sourceType: "tollgate:source-type",
  /** The source of a local (file/link/workspace) package: a path, which neither format has a field for. */
  sourceUrl: "tollgate:source-url",
  location: "tollgate:location",
  lockfile: "tollgate:lockfile",
  /** A digest CycloneDX has no room for (a second one of the same algorithm), as `<alg>:<hex>`. */
  extraHash: "tollgate:extra-hash",
} as const;

/** Source types whose URL is a download location (the others are local paths, kept in PROPERTY.sourceUrl). */
export const DOWNLOADABLE_SOURCES: ReadonlySet<string> = new Set(["registry", "url", "git"]);

/** The property naming an edge kind; its value is the target's id. */
export function edgeProperty(kind: EdgeKind): string {
  return `tollgate:${kind}-dependency`;
}

const EDGE_KINDS: ReadonlyArray<EdgeKind> = ["prod", "dev", "optional", "peer"];
const RESERVED = new Set<string>([...Object.values(PROPERTY), ...EDGE_KINDS.map(edgeProperty)]);

/** The `tollgate:*` pairs describing a component and the kinds of its outgoing non-prod edges. */
export function encodeComponent(component: Component, outgoing: readonly Edge[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [[PROPERTY.scope, component.scope]];
  if (component.role !== "dependency") pairs.push([PROPERTY.role, component.role]);
  if (component.direct) pairs.push([PROPERTY.direct, "true"]);
  if (component.source) pairs.push([PROPERTY.sourceType, component.source.type]);
  const url = component.source?.url;
  if (url !== undefined && !DOWNLOADABLE_SOURCES.has(component.source?.type ?? ""))
    pairs.push([PROPERTY.sourceUrl, url]);
  for (const l of component.locations) pairs.push([PROPERTY.location, formatLocationValue(l)]);
  // Only targets reached by a non-prod edge are listed, with every kind (a package can be both prod and peer).
  const flagged = new Set(outgoing.filter((e) => e.kind !== "prod").map((e) => e.to));
  for (const edge of outgoing) if (flagged.has(edge.to)) pairs.push([edgeProperty(edge.kind), edge.to]);
  for (const [name, value] of Object.entries(component.properties)) pairs.push([name, value]);
  return pairs;
}

/** What `tollgate:*` pairs said about a component, with every other pair kept as a property. */
export interface DecodedComponent {
  scope?: Scope;
  role?: Component["role"];
  direct?: boolean;
  sourceType?: SourceType;
  sourceUrl?: string;
  locations: Location[];
  /** Values of PROPERTY.extraHash. */
  extraHashes: string[];
  /** Edge kinds by target id, for targets reached by a non-prod edge (the others are prod). */
  edgeKinds: Map<string, EdgeKind[]>;
  properties: Record<string, string>;
}

const SCOPES: readonly string[] = ["required", "optional", "development"];
const ROLES: readonly string[] = ["root", "workspace", "dependency"];
const SOURCE_TYPES: readonly string[] = ["registry", "git", "file", "link", "url", "workspace"];

/** Reads back the pairs written by encodeComponent; unknown values of known names are ignored. */
export function decodeComponent(pairs: Iterable<[string, string]>): DecodedComponent {
  const out: DecodedComponent = { locations: [], extraHashes: [], edgeKinds: new Map(), properties: {} };
  for (const [name, value] of pairs) {
    if (name === PROPERTY.scope && SCOPES.includes(value)) out.scope = value as Scope;
    else if (name === PROPERTY.role && ROLES.includes(value)) out.role = value as Component["role"];
    else if (name === PROPERTY.direct) out.direct = value === "true";
    else if (name === PROPERTY.sourceType && SOURCE_TYPES.includes(value)) out.sourceType = value as SourceType;
    else if (name === PROPERTY.sourceUrl) out.sourceUrl = value;
    else if (name === PROPERTY.extraHash) out.extraHashes.push(value);
    else if (name === PROPERTY.location) out.locations.push(parseLocationValue(value));
    else if (name.startsWith("tollgate:") && name.endsWith("-dependency") && RESERVED.has(name)) {
      const kind = name.slice("tollgate:".length, -"-dependency".length) as EdgeKind;
      out.edgeKinds.set(value, [...(out.edgeKinds.get(value) ?? []), kind]);
    } else if (!RESERVED.has(name)) out.properties[name] = value;
  }
  return out;
}

function formatLocationValue(location: Location): string {
  return location.line === undefined ? location.file : `${location.file}:${location.line}`;
}

function parseLocationValue(value: string): Location {
  const match = /^(.*):(\d+)$/.exec(value);
  return match?.[1] !== undefined && match[2] !== undefined
    ? { file: match[1], line: Number(match[2]) }
    : { file: value };
}
