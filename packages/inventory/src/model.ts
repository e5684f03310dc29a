/**
 * The one dependency-graph model every gate works on. Ecosystem names are OSV's,
 * so a component can be matched against advisories without translation.
 */
export type Ecosystem = "npm" | "crates.io" | "Go" | "PyPI" | "RubyGems" | "Packagist" | "Maven" | "NuGet";

/** Every ecosystem Tollgate reads, in a stable order. */
export const ECOSYSTEMS: readonly Ecosystem[] = [
  "npm",
  "crates.io",
  "Go",
  "PyPI",
  "RubyGems",
  "Packagist",
  "Maven",
  "NuGet",
];

/** Whether a component is needed at run time, optionally, or only to develop the project. */
export type Scope = "required" | "optional" | "development";

/** The kind of an edge as the lockfile states it. */
export type EdgeKind = "prod" | "dev" | "optional" | "peer";

/** Hash algorithms as CycloneDX names them. */
export type HashAlgorithm = "MD5" | "SHA-1" | "SHA-256" | "SHA-384" | "SHA-512";

/** A digest of the package archive recorded by the lockfile, lower-case hex. */
export interface Hash {
  alg: HashAlgorithm;
  content: string;
}

/** Where a component was resolved from. */
export type SourceType = "registry" | "git" | "file" | "link" | "url" | "workspace";

export interface Source {
  type: SourceType;
  /** The resolved URL (registry tarball, git URL with commit, file path) when recorded. */
  url?: string;
}

/** A place in a lockfile that declares a component; lines are 1-based. */
export interface Location {
  file: string;
  line?: number;
}

/** A project root (from a manifest) or workspace member, or a dependency. */
export type ComponentRole = "root" | "workspace" | "dependency";

export interface Component {
  /** Unique within the graph and stable across runs: the purl (with qualifiers for non-registry sources). */
  id: string;
  ecosystem: Ecosystem;
  /** The ecosystem's display name: `@scope/name`, `group:artifact`, a Go module path, a PEP 503 name. */
  name: string;
  version: string;
  /** A spec-correct package URL built with packageurl-js. */
  purl: string;
  role: ComponentRole;
  scope: Scope;
  /** True when a root or workspace depends on it directly. */
  direct: boolean;
  hashes: Hash[];
  /** The license as the lockfile or metadata records it (an SPDX expression or a raw string). */
  license?: string;
  source?: Source;
  /** Facts that have no field of their own (e.g. `tollgate:go-sum-h1`, `tollgate:npm-alias`), sorted by key. */
  properties: Record<string, string>;
  locations: Location[];
}

export interface Edge {
  from: string;
  to: string;
  kind: EdgeKind;
}

/** A lockfile that contributed to the graph. */
export interface LockfileRef {
  /** Path relative to the scanned directory, with `/` separators. */
  path: string;
  format: LockfileFormat;
  ecosystem: Ecosystem;
}

export type LockfileFormat =
  | "npm-package-lock"
  | "yarn-classic"
  | "yarn-berry"
  | "pnpm-lock"
  | "cargo-lock"
  | "go-mod"
  | "poetry-lock"
  | "uv-lock"
  | "pipfile-lock"
  | "requirements-txt"
  | "gemfile-lock"
  | "composer-lock"
  | "gradle-lockfile"
  | "nuget-lock"
  | "cyclonedx-json"
  | "spdx-json";

/** Something worth telling the user that does not stop the run (e.g. a lockfile out of sync with its manifest). */
export interface Warning {
  code: string;
  message: string;
  location?: Location;
}

export interface DependencyGraph {
  /** The component the whole graph describes (the scanned directory or the SBOM's subject). */
  root: RootComponent;
  /** Sorted by id. Includes project roots and workspaces (role) and dependencies. */
  components: Component[];
  /** Sorted by from, to, kind. Edges from `root.id` lead to each lockfile's project root. */
  edges: Edge[];
  lockfiles: LockfileRef[];
  warnings: Warning[];
}

export interface RootComponent {
  id: string;
  name: string;
  version?: string;
  purl?: string;
}
