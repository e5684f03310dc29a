import { parse as parseToml, TomlError } from "smol-toml";
import { PolicyError } from "../errors.js";

/** What a cargo-deny `deny.toml` maps to: the policy file's (kebab-case) form, and the keys that have no equivalent. */
export interface DenyTomlMapping {
  /** A policy document as written in tollgate.yml, to be validated by the policy schema. */
  document: Record<string, unknown>;
  /** Keys of deny.toml Tollgate does not apply, e.g. `licenses.confidence-threshold`, sorted. */
  unmapped: string[];
}

type Table = Record<string, unknown>;
const table = (v: unknown): Table => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Table) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const CRATES = "crates.io";
const NO_REASON = "listed in deny.toml without a reason";

/** Splits cargo-deny's package spec `name` or `name@version-req` (v2 `crate` key; older `name` + `version`). */
function spec(entry: unknown): { name: string; version?: string } | undefined {
  if (typeof entry === "string") {
    const at = entry.indexOf("@");
    return at <= 0 ? { name: entry } : { name: entry.slice(0, at), version: entry.slice(at + 1) };
  }
  const t = table(entry);
  const crate = t.crate ?? t.name;
  if (typeof crate !== "string") return undefined;
  const parsed = spec(crate);
  if (parsed && typeof t.version === "string") parsed.version = t.version;
  return parsed;
}

function withVersion<T extends Table>(base: T, version: string | undefined): T {
  return version === undefined || version === "*" ? base : { ...base, version };
}

function known(section: Table, keys: string[], prefix: string, unmapped: string[]): void {
  for (const key of Object.keys(section)) if (!keys.includes(key)) unmapped.push(`${prefix}.${key}`);
}

function action(value: unknown): "deny" | "warn" | "allow" | undefined {
  return value === "deny" || value === "warn" || value === "allow" ? value : undefined;
}

/**
 * Maps a cargo-deny `deny.toml` onto the tollgate policy with cargo-deny's meaning: licenses
 * not allowed are denied, bans with wrappers/reason/use-instead, ignores with their reason, sources.
 */
export function mapDenyToml(text: string, file: string): DenyTomlMapping {
  let root: Table;
  try {
    root = parseToml(text) as Table;
  } catch (cause) {
    const line = cause instanceof TomlError ? cause.line : undefined;
    throw new PolicyError("POLICY_DENY_TOML", `${file} is not valid TOML: ${(cause as Error).message.split("\n")[0]}`, {
      location: { file, ...(line === undefined ? {} : { line }) },
      hint: "fix the TOML syntax (cargo deny check would reject it too)",
      cause,
    });
  }
  const unmapped: string[] = [];
  known(root, ["advisories", "licenses", "bans", "sources"], "", unmapped);
  const advisories = table(root.advisories);
  const licenses = table(root.licenses);
  const bans = table(root.bans);
  const sources = table(root.sources);
  known(advisories, ["ignore"], "advisories", unmapped);
  known(licenses, ["allow", "exceptions", "clarify"], "licenses", unmapped);
  known(bans, ["deny", "multiple-versions", "skip"], "bans", unmapped);
  known(sources, ["allow-registry", "allow-git", "allow-org", "unknown-registry", "unknown-git"], "sources", unmapped);
  const entries: [unknown, string, string[]][] = [
    [bans.deny, "bans.deny[]", ["crate", "name", "version", "wrappers", "reason", "use-instead"]],
    [bans.skip, "bans.skip[]", ["crate", "name", "version", "reason"]],
    [licenses.exceptions, "licenses.exceptions[]", ["crate", "name", "version", "allow", "reason"]],
    [licenses.clarify, "licenses.clarify[]", ["crate", "name", "version", "expression", "reason"]],
    [advisories.ignore, "advisories.ignore[]", ["id", "reason"]],
  ];
  for (const [items, prefix, keys] of entries) {
    for (const item of list(items)) known(table(item), keys, prefix, unmapped);
  }

  const document: Table = {
    version: 1,
    // deny.toml ignores carry no expiry, which high-assurance mode requires; unknown licenses still fail below.
    mode: "developer",
    advisories: {
      ignore: list(advisories.ignore).map((entry) =>
        typeof entry === "string"
          ? { id: entry, reason: NO_REASON }
          : { id: table(entry).id, reason: table(entry).reason ?? NO_REASON },
      ),
    },
    licenses: {
      allow: list(licenses.allow),
      unknown: "deny",
      exceptions: list(licenses.exceptions).map((entry) => {
        const s = spec(entry);
        return withVersion(
          { package: s?.name, ecosystem: CRATES, allow: table(entry).allow, reason: table(entry).reason ?? NO_REASON },
          s?.version,
        );
      }),
      clarify: list(licenses.clarify).map((entry) => {
        const s = spec(entry);
        return withVersion(
          {
            package: s?.name,
            ecosystem: CRATES,
            expression: table(entry).expression,
            reason: table(entry).reason ?? NO_REASON,
          },
          s?.version,
        );
      }),
    },
    bans: {
      deny: list(bans.deny).map((entry) => {
        const s = spec(entry);
        const t = table(entry);
        const ban: Table = withVersion({ name: s?.name, ecosystem: CRATES, reason: t.reason ?? NO_REASON }, s?.version);
        if (t["use-instead"] !== undefined) ban["use-instead"] = t["use-instead"];
        if (t.wrappers !== undefined) ban.wrappers = list(t.wrappers).map((w) => spec(w)?.name ?? w);
        return ban;
      }),
      "multiple-versions": action(bans["multiple-versions"]) ?? "warn",
      skip: list(bans.skip).map((entry) => spec(entry)?.name ?? entry),
    },
    sources: mapSources(sources),
  };
  return { document, unmapped: [...new Set(unmapped.map((k) => k.replace(/^\./, "")))].sort() };
}

const ORG_HOSTS: Record<string, string> = { github: "github.com", gitlab: "gitlab.com", bitbucket: "bitbucket.org" };

function mapSources(sources: Table): Table {
  const unknownGit = action(sources["unknown-git"]) ?? "warn";
  const unknownRegistry = action(sources["unknown-registry"]) ?? "warn";
  const out: Table = {
    git: {
      hosts: unknownGit === "allow" ? ["*"] : [],
      orgs: Object.entries(table(sources["allow-org"])).flatMap(([kind, orgs]) =>
        list(orgs).map((org) => `${ORG_HOSTS[kind] ?? kind}/${String(org)}`),
      ),
      repos: list(sources["allow-git"]),
    },
  };
  // With unknown-registry = "allow" any registry passes; otherwise only the listed ones (cargo-deny defaults to crates.io's).
  if (unknownRegistry !== "allow" && sources["allow-registry"] !== undefined) {
    out.registries = {
      [CRATES]: list(sources["allow-registry"]).map((url) => String(url).replace(/^(sparse|registry)\+/, "")),
    };
  }
  return out;
}
