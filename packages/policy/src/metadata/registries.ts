import type { Component, Ecosystem } from "@tollgate/inventory";
import type { PackageFacts } from "../checks/licenses.js";
import { type CachedFetchOptions, cachedJson } from "./cache.js";

type Get = (url: string) => Promise<unknown>;
type Fetcher = (base: string, component: Component, get: Get) => Promise<PackageFacts | undefined>;

const obj = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const str = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value : undefined;
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
const trim = (base: string) => base.replace(/\/+$/, "");

function facts(license: string | undefined, extra: PackageFacts = {}): PackageFacts {
  return { ...extra, ...(license === undefined ? {} : { license }), origin: "registry" };
}

const npm: Fetcher = async (base, c, get) => {
  const doc = obj(await get(`${trim(base)}/${c.name.replace("/", "%2f")}`));
  const version = obj(obj(doc.versions)[c.version]);
  if (Object.keys(version).length === 0) return undefined;
  const license = str(version.license) ?? str(obj(version.license).type);
  const deprecated = str(version.deprecated);
  return facts(license, deprecated === undefined ? {} : { deprecated });
};

const crates: Fetcher = async (base, c, get) => {
  const version = obj(
    obj(await get(`${trim(base)}/api/v1/crates/${encodeURIComponent(c.name)}/${encodeURIComponent(c.version)}`))
      .version,
  );
  if (Object.keys(version).length === 0) return undefined;
  return facts(str(version.license), version.yanked === true ? { yanked: true } : {});
};

const pypi: Fetcher = async (base, c, get) => {
  const doc = obj(await get(`${trim(base)}/pypi/${encodeURIComponent(c.name)}/${encodeURIComponent(c.version)}/json`));
  const info = obj(doc.info);
  if (Object.keys(info).length === 0) return undefined;
  const legacy = str(info.license);
  const license = str(info.license_expression) ?? (legacy === "UNKNOWN" ? undefined : legacy);
  const yanked = info.yanked === true || (Array.isArray(doc.urls) && doc.urls.some((u) => obj(u).yanked === true));
  return facts(license, yanked ? { yanked: true } : {});
};

// A gem's `licenses` list is read conservatively as all of them (AND): RubyGems does not say which applies.
const rubygems: Fetcher = async (base, c, get) => {
  const doc = obj(
    await get(
      `${trim(base)}/api/v2/rubygems/${encodeURIComponent(c.name)}/versions/${encodeURIComponent(c.version)}.json`,
    ),
  );
  if (Object.keys(doc).length === 0) return undefined;
  const list = strings(doc.licenses);
  return facts(
    list.length === 0 ? undefined : list.length === 1 ? list[0] : list.map((l) => `(${l})`).join(" AND "),
    doc.yanked === true ? { yanked: true } : {},
  );
};

// Composer lists alternative licenses (a disjunction); p2 files are minified: each entry inherits the previous one's fields.
const packagist: Fetcher = async (base, c, get) => {
  const doc = obj(await get(`${trim(base)}/p2/${c.name}.json`));
  let current: Record<string, unknown> = {};
  for (const entry of (obj(doc.packages)[c.name] as unknown[] | undefined) ?? []) {
    current = { ...current, ...obj(entry) };
    for (const [k, v] of Object.entries(current)) if (v === "__unset") delete current[k];
    const version = str(current.version);
    if (version === c.version || version?.replace(/^v/, "") === c.version.replace(/^v/, "")) {
      const list = strings(current.license);
      const abandoned = current.abandoned;
      const deprecated =
        abandoned === true ? "abandoned" : typeof abandoned === "string" ? `abandoned; use ${abandoned}` : undefined;
      return facts(
        list.length === 0 ? undefined : list.length === 1 ? list[0] : list.map((l) => `(${l})`).join(" OR "),
        deprecated === undefined ? {} : { deprecated },
      );
    }
  }
  return undefined;
};

const nuget: Fetcher = async (base, c, get) => {
  const leaf = obj(
    await get(`${trim(base)}/v3/registration5-semver1/${c.name.toLowerCase()}/${c.version.toLowerCase()}.json`),
  );
  const entry = typeof leaf.catalogEntry === "string" ? obj(await get(leaf.catalogEntry)) : obj(leaf.catalogEntry);
  if (Object.keys(entry).length === 0) return undefined;
  const deprecation = obj(entry.deprecation);
  const deprecated =
    Object.keys(deprecation).length > 0
      ? (str(deprecation.message) ?? strings(deprecation.reasons).join(", "))
      : undefined;
  return facts(str(entry.licenseExpression), deprecated === undefined ? {} : { deprecated });
};

/** The metadata APIs Tollgate reads, by ecosystem (Go and Maven are out of scope: their licenses stay unknown). */
export const FETCHERS: Partial<Record<Ecosystem, Fetcher>> = {
  npm,
  "crates.io": crates,
  PyPI: pypi,
  RubyGems: rubygems,
  Packagist: packagist,
  NuGet: nuget,
};

/**
 * The public metadata APIs looked up by default (mirrors override them with --metadata-url).
 * npm's is not here: it is read from npm's own configuration, so a configured mirror is used.
 */
export const PUBLIC_METADATA_URLS: Readonly<Partial<Record<Ecosystem, string>>> = Object.freeze({
  "crates.io": "https://crates.io",
  PyPI: "https://pypi.org",
  RubyGems: "https://rubygems.org",
  Packagist: "https://repo.packagist.org",
  NuGet: "https://api.nuget.org",
});

/** Options of `registryFacts`. */
export interface RegistryFactsOptions extends CachedFetchOptions {
  /** Base URL of each ecosystem's metadata API; an ecosystem without one is not looked up. */
  registries: Partial<Record<Ecosystem, string>>;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
}

/** Looks the components up in their registries' metadata APIs: license, deprecation, yanked. */
export async function registryFacts(
  components: readonly Component[],
  options: RegistryFactsOptions,
): Promise<Map<string, PackageFacts>> {
  const out = new Map<string, PackageFacts>();
  const get: Get = (url) => cachedJson(url, options);
  const queue = components.filter((c) => FETCHERS[c.ecosystem] && options.registries[c.ecosystem]);
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const c = queue[next++] as Component;
      const found = await (FETCHERS[c.ecosystem] as Fetcher)(options.registries[c.ecosystem] as string, c, get);
      if (found) out.set(c.id, found);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, queue.length) }, worker));
  return out;
}
