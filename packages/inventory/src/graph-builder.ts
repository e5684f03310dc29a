import { InventoryError } from "./errors.js";
import type {
  Component,
  ComponentRole,
  DependencyGraph,
  Ecosystem,
  Edge,
  EdgeKind,
  Hash,
  Location,
  LockfileRef,
  RootComponent,
  Scope,
  Source,
  Warning,
} from "./model.js";
import { makePurl } from "./purl.js";

/** What a reader knows about one component; the builder fills in the rest. */
export interface ComponentInput {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** Defaults to `dependency`. */
  role?: ComponentRole;
  /** Set when the lockfile states it (npm `dev`/`optional` flags); otherwise computed from the edges. */
  scope?: Scope;
  /** Set when the lockfile states it (go.mod `// indirect`, NuGet `Direct`); otherwise computed from the edges. */
  direct?: boolean;
  hashes?: Hash[];
  license?: string;
  source?: Source;
  properties?: Record<string, string>;
  location?: Location;
  /** purl qualifiers that distinguish non-registry sources (e.g. `vcs_url`, `download_url`). */
  qualifiers?: Record<string, string>;
  /** Overrides the computed purl (only for purls read back from an SBOM). */
  purl?: string;
}

const SCOPE_RANK: Record<Scope, number> = { required: 0, optional: 1, development: 2 };

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The purl of an input; a name no purl can carry is the lockfile's fault, so it is an InventoryError. */
function purlOf(input: ComponentInput): string {
  try {
    return makePurl(input.ecosystem, input.name, input.version, input.qualifiers);
  } catch (cause) {
    const where = input.location ? `${input.location.file}: ` : "";
    throw new InventoryError("LOCKFILE_INVALID", `${where}package "${input.name}" has no valid package URL`, {
      ...(input.location ? { location: input.location } : {}),
      hint: "check the package's name in the lockfile and regenerate it with the package manager",
      cause,
    });
  }
}

/**
 * Collects components and edges from one or more lockfiles and produces a
 * sorted, deduplicated DependencyGraph. Components are keyed by purl, so the same
 * package found by two lockfiles is one component with both locations.
 */
export class GraphBuilder {
  private readonly components = new Map<string, Component>();
  private readonly explicitScope = new Set<string>();
  private readonly explicitDirect = new Map<string, boolean>();
  /** Edges in insertion order; `edgeKinds` (from → to → kinds) deduplicates them without building string keys. */
  private readonly edges: Edge[] = [];
  private readonly edgeKinds = new Map<string, Map<string, EdgeKind[]>>();
  private readonly lockfiles: LockfileRef[] = [];
  private readonly warnings: Warning[] = [];

  /** Adds (or merges into) a component and returns its id. */
  addComponent(input: ComponentInput): string {
    const purl = input.purl ?? purlOf(input);
    const id = purl;
    if (input.direct !== undefined) this.explicitDirect.set(id, (this.explicitDirect.get(id) ?? false) || input.direct);
    const existing = this.components.get(id);
    if (!existing) {
      const component: Component = {
        id,
        ecosystem: input.ecosystem,
        name: input.name,
        version: input.version,
        purl,
        role: input.role ?? "dependency",
        scope: input.scope ?? "required",
        direct: false,
        hashes: [...(input.hashes ?? [])],
        properties: { ...(input.properties ?? {}) },
        locations: input.location ? [input.location] : [],
      };
      if (input.license !== undefined) component.license = input.license;
      if (input.source !== undefined) component.source = input.source;
      this.components.set(id, component);
      if (input.scope) this.explicitScope.add(id);
      return id;
    }
    this.merge(existing, input);
    return id;
  }

  private merge(existing: Component, input: ComponentInput): void {
    if (input.role && input.role !== "dependency" && existing.role === "dependency") existing.role = input.role;
    if (input.scope) {
      if (!this.explicitScope.has(existing.id) || SCOPE_RANK[input.scope] < SCOPE_RANK[existing.scope]) {
        existing.scope = input.scope;
      }
      this.explicitScope.add(existing.id);
    }
    for (const hash of input.hashes ?? []) {
      if (!existing.hashes.some((h) => h.alg === hash.alg && h.content === hash.content)) existing.hashes.push(hash);
    }
    if (existing.license === undefined && input.license !== undefined) existing.license = input.license;
    if (existing.source === undefined && input.source !== undefined) existing.source = input.source;
    for (const [key, value] of Object.entries(input.properties ?? {})) {
      if (!(key in existing.properties)) existing.properties[key] = value;
    }
    const location = input.location;
    if (location && !existing.locations.some((l) => l.file === location.file && l.line === location.line)) {
      existing.locations.push(location);
    }
  }

  /** True when a component with this id has been added. */
  has(id: string): boolean {
    return this.components.has(id);
  }

  /** Records that `from` depends on `to`. Both must be ids returned by addComponent or the root id. */
  addEdge(from: string, to: string, kind: EdgeKind): void {
    if (from === to) return;
    let targets = this.edgeKinds.get(from);
    if (!targets) {
      targets = new Map();
      this.edgeKinds.set(from, targets);
    }
    const kinds = targets.get(to);
    if (kinds?.includes(kind)) return;
    if (kinds) kinds.push(kind);
    else targets.set(to, [kind]);
    this.edges.push({ from, to, kind });
  }

  addLockfile(ref: LockfileRef): void {
    if (!this.lockfiles.some((l) => l.path === ref.path)) this.lockfiles.push(ref);
  }

  warn(warning: Warning): void {
    this.warnings.push(warning);
  }

  /**
   * Finishes the graph: links the graph root to every project root, marks direct
   * dependencies, computes scopes the lockfiles did not state, and sorts everything.
   */
  build(root: RootComponent): DependencyGraph {
    for (const component of this.components.values()) {
      if (component.role === "root") this.addEdge(root.id, component.id, "prod");
    }
    const edges = this.edges.filter(
      (e) => (e.from === root.id || this.components.has(e.from)) && this.components.has(e.to),
    );
    const projects = new Set([...this.components.values()].filter((c) => c.role !== "dependency").map((c) => c.id));
    for (const edge of edges) {
      const target = this.components.get(edge.to);
      if (target && projects.has(edge.from) && target.role === "dependency") target.direct = true;
    }
    for (const [id, direct] of this.explicitDirect) {
      const component = this.components.get(id);
      if (component && component.role === "dependency") component.direct = direct;
    }
    this.computeScopes(edges, projects);
    const components = [...this.components.values()]
      .map((c) => ({
        ...c,
        hashes: [...c.hashes].sort((a, b) => compareStrings(a.alg, b.alg) || compareStrings(a.content, b.content)),
        properties: Object.fromEntries(Object.entries(c.properties).sort(([a], [b]) => compareStrings(a, b))),
        locations: [...c.locations].sort((a, b) => compareStrings(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0)),
      }))
      .sort((a, b) => compareStrings(a.id, b.id));
    edges.sort(
      (a, b) => compareStrings(a.from, b.from) || compareStrings(a.to, b.to) || compareStrings(a.kind, b.kind),
    );
    return {
      root,
      components,
      edges,
      lockfiles: [...this.lockfiles].sort((a, b) => compareStrings(a.path, b.path)),
      warnings: [...this.warnings],
    };
  }

  /**
   * A component not given a scope by its lockfile is `required` when reachable from a
   * project through prod/peer edges only, else `optional` when reachable without dev
   * edges, else `development`.
   */
  private computeScopes(edges: Edge[], projects: Set<string>): void {
    const out = new Map<string, Edge[]>();
    for (const edge of edges) {
      const list = out.get(edge.from);
      if (list) list.push(edge);
      else out.set(edge.from, [edge]);
    }
    const best = new Map<string, Scope>();
    const queue: Array<[string, Scope]> = [...projects].map((id) => [id, "required"]);
    for (const id of projects) best.set(id, "required");
    for (let head = 0; head < queue.length; head++) {
      const [id, scope] = queue[head] as [string, Scope];
      for (const edge of out.get(id) ?? []) {
        const edgeScope: Scope =
          edge.kind === "dev" ? "development" : edge.kind === "optional" ? "optional" : "required";
        const scopeVia: Scope = SCOPE_RANK[edgeScope] > SCOPE_RANK[scope] ? edgeScope : scope;
        const known = best.get(edge.to);
        if (known === undefined || SCOPE_RANK[scopeVia] < SCOPE_RANK[known]) {
          best.set(edge.to, scopeVia);
          queue.push([edge.to, scopeVia]);
        }
      }
    }
    for (const component of this.components.values()) {
      if (component.role !== "dependency") {
        component.scope = "required";
        continue;
      }
      if (this.explicitScope.has(component.id)) continue;
      // Unreachable entries stay in the audit: unknown reachability is treated as required.
      component.scope = best.get(component.id) ?? "required";
    }
  }
}
