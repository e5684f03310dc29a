import { AdvisoryError } from "../errors.js";
import { packageKey } from "../osv/names.js";
import {
  type CompiledAffected,
  compileAffected,
  fixedAbove,
  isAffected,
  sortInPlace,
  UnreadableVersion,
} from "../osv/ranges.js";
import type { OsvRecord } from "../osv/schema.js";
import { rateSeverity } from "../osv/severity.js";
import { baseEcosystem, findScheme } from "../versions/ecosystems.js";
import { type Advisory, kindOf } from "./advisory.js";

/** A record that could not be used, by id and file; the policy decides whether it fails the audit. */
export interface MalformedRecord {
  id: string;
  file: string;
  message: string;
}

/** One advisory that affects one package version, with the fixed versions above it. */
export interface AdvisoryMatch {
  advisory: Advisory;
  fixed: string[];
}

/** The package a match is asked for. */
export interface PackageQuery {
  ecosystem: string;
  name: string;
  version: string;
}

/**
 * The first line of a text as a string of its own: a substring would be a slice that keeps
 * the whole text (an advisory's details) alive for as long as the summary is.
 */
function firstLine(text: string): string {
  const end = text.indexOf("\n");
  return end === -1 ? text : Buffer.from(text.slice(0, end)).toString();
}

interface Entry {
  advisory: Advisory;
  affected: CompiledAffected[];
}

/**
 * Advisories indexed by (ecosystem, normalised name), event versions parsed once,
 * so matching a component costs only the advisories of its own package.
 */
export class AdvisoryIndex {
  private readonly byPackage = new Map<string, Entry[]>();
  readonly malformed: MalformedRecord[] = [];
  /** Records read, withdrawn ones left out, and records with nothing Tollgate can match. */
  readonly counts = { records: 0, withdrawn: 0, indexed: 0, duplicates: 0 };
  private readonly ids = new Set<string>();
  private readonly byId = new Map<string, Advisory>();

  /** Adds one validated record found in `file`; withdrawn records and repeated ids are counted and ignored. */
  add(record: OsvRecord, file: string): void {
    if (this.ids.has(record.id)) {
      this.counts.duplicates++;
      return;
    }
    this.ids.add(record.id);
    this.counts.records++;
    if (record.withdrawn) {
      this.counts.withdrawn++;
      return;
    }
    const rated = rateSeverity(record);
    if (rated.invalidVectors.length > 0) {
      this.malformed.push({ id: record.id, file, message: `invalid CVSS vector ${rated.invalidVectors.join(", ")}` });
      return;
    }
    const advisory: Advisory = {
      id: record.id,
      aliases: [...new Set(record.aliases ?? [])].filter((a) => a !== record.id).sort(),
      modified: record.modified,
      summary: record.summary ?? firstLine(record.details ?? ""),
      kind: kindOf(record),
      severity: rated.severity,
      source: file,
    };
    this.byId.set(advisory.id, advisory);
    const grouped = new Map<string, CompiledAffected[]>();
    try {
      for (const affected of record.affected ?? []) {
        if (!affected.package) continue;
        const scheme = findScheme(affected.package.ecosystem);
        if (!scheme) continue;
        const key = packageKey(affected.package.ecosystem, affected.package.name);
        const list = grouped.get(key) ?? [];
        list.push(compileAffected(scheme, affected));
        grouped.set(key, list);
      }
    } catch (error) {
      if (!(error instanceof UnreadableVersion)) throw error;
      this.malformed.push({ id: record.id, file, message: error.message });
      return;
    }
    if (grouped.size > 0) this.counts.indexed++;
    for (const [key, affected] of grouped) {
      const entries = this.byPackage.get(key) ?? [];
      entries.push({ advisory, affected: affected.slice() }); // slice: no spare capacity kept
      this.byPackage.set(key, entries);
    }
  }

  /** The advisories affecting a package version, sorted by id; an unreadable version is an INVALID_VERSION error. */
  match(query: PackageQuery): AdvisoryMatch[] {
    const entries = this.byPackage.get(packageKey(query.ecosystem, query.name));
    if (!entries) return [];
    const scheme = findScheme(query.ecosystem);
    if (!scheme) return [];
    const version = scheme.parse(query.version);
    if (version === undefined) {
      throw new AdvisoryError(
        "INVALID_VERSION",
        `${query.ecosystem} package ${query.name} has version "${query.version}", which ${baseEcosystem(query.ecosystem)} cannot order`,
        { hint: "fix the version in the lockfile; Tollgate never treats an unreadable version as unaffected" },
      );
    }
    let known: string | undefined;
    const canonical = () => {
      known ??= scheme.canonical(version);
      return known;
    };
    const matches: AdvisoryMatch[] = [];
    for (const entry of entries) {
      if (!isAffected(scheme, version, canonical, entry.affected)) continue;
      matches.push({ advisory: entry.advisory, fixed: fixedAbove(scheme, version, entry.affected) });
    }
    if (matches.length > 1)
      sortInPlace(matches, (a, b) => (a.advisory.id < b.advisory.id ? -1 : a.advisory.id > b.advisory.id ? 1 : 0));
    return matches;
  }

  /** The advisory with this id, when indexed (not withdrawn, not malformed). */
  advisory(id: string): Advisory | undefined {
    return this.byId.get(id);
  }

  /** Whether any advisory names this package (cheap pre-check for callers). */
  has(ecosystem: string, name: string): boolean {
    return this.byPackage.has(packageKey(ecosystem, name));
  }

  /** Number of distinct packages with advisories. */
  get packageCount(): number {
    return this.byPackage.size;
  }
}
