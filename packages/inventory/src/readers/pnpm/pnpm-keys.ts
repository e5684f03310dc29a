/** The lockfile generations whose key syntax differs: 5.x (`/a/1.0.0_peer@1`), 6.x (`/a@1.0.0(peer@1)`), 9.x (`a@1.0.0(peer@1)`). */
export type PnpmGeneration = 5 | 6 | 9;

/** A package key split into the package and the peer/patch suffix pnpm appends. */
export interface PnpmKey {
  name?: string;
  version?: string;
  /** `(react@18.0.0)` in 6/9, `react@18.0.0+react-dom@18.0.0` in 5; absent without peers. */
  peers?: string;
}

/** Splits `name@rest` where the name may be scoped (`@s/a@1.0.0`). */
function splitAt(text: string): [string, string] | undefined {
  const at = text.indexOf("@", 1);
  return at > 0 ? [text.slice(0, at), text.slice(at + 1)] : undefined;
}

function withPeers(name: string, rest: string, generation: PnpmGeneration): PnpmKey {
  const cut = generation === 5 ? rest.indexOf("_") : rest.indexOf("(");
  if (cut <= 0) return { name, version: rest };
  return { name, version: rest.slice(0, cut), peers: rest.slice(cut + (generation === 5 ? 1 : 0)) };
}

/**
 * Reads name, version and peer suffix from a `packages`/`snapshots` key. Keys of
 * non-registry packages (`file:…`, `github.com/…`) may not hold them: the entry's own
 * `name`/`version` fields fill in.
 */
export function parsePnpmKey(key: string, generation: PnpmGeneration): PnpmKey {
  if (generation === 9) {
    const parts = splitAt(key);
    return parts ? withPeers(parts[0], parts[1], 9) : {};
  }
  if (!key.startsWith("/")) return {};
  const body = key.slice(1);
  if (generation === 6) {
    const parts = splitAt(body);
    return parts ? withPeers(parts[0], parts[1], 6) : {};
  }
  const segments = body.split("/");
  const nameLength = body.startsWith("@") ? 2 : 1;
  if (segments.length !== nameLength + 1) return {};
  return withPeers(segments.slice(0, nameLength).join("/"), segments[nameLength] ?? "", 5);
}

/**
 * The key a dependency reference points at: `1.0.0(peer@1)` means `name@1.0.0(peer@1)` (in
 * the generation's syntax), while an alias or non-registry reference (`/other/1.0.0`,
 * `other@1.0.0`, `file:…`) is a key of its own. Returns the first candidate that exists.
 */
export function refToKey(
  name: string,
  ref: string,
  generation: PnpmGeneration,
  exists: (key: string) => boolean,
): string | undefined {
  const own = generation === 9 ? `${name}@${ref}` : generation === 6 ? `/${name}@${ref}` : `/${name}/${ref}`;
  for (const candidate of [own, ref, `/${ref}`]) if (exists(candidate)) return candidate;
  return undefined;
}
