import { InventoryError } from "../../errors.js";

/** One locked gem of a GEM, GIT or PATH section. */
export interface LockedGem {
  name: string;
  version: string;
  /** The platform suffix (`x86_64-linux`), absent for pure-Ruby gems. */
  platform?: string;
  line: number;
  /** Names of the gems this one depends on (the 6-space lines below it). */
  dependencies: string[];
  section: "GEM" | "GIT" | "PATH";
  remote?: string;
  revision?: string;
}

/** What a Gemfile.lock records. */
export interface GemfileLock {
  gems: LockedGem[];
  /** DEPENDENCIES: the gems the Gemfile asks for, with their lines. */
  dependencies: Array<{ name: string; line: number }>;
  /** CHECKSUMS: `sha256` hex by `name (version[-platform])`. */
  checksums: Map<string, string>;
}

// Bundler's own NAME_VERSION shape: a name, then optionally "(version[-platform])", then an optional "!".
const SPEC = /^ {4}(\S+)(?: \(([^-)\s]*)(?:-([^)\s]*))?\))?$/;
const DEPENDENCY = /^ {6}(\S+)(?: \(.*\))?$/;
const TOP_DEPENDENCY = /^ {2}(\S+?)(!)?(?: \(.*\))?$/;
const CHECKSUM = /^ {2}(\S+ \([^)]*\))(?: (.*))?$/;
const SOURCES = new Set(["GEM", "GIT", "PATH", "PLUGIN SOURCE"]);
const HINT = "regenerate Gemfile.lock with `bundle lock`";

function parseError(file: string, line: number, what: string): InventoryError {
  return new InventoryError("LOCKFILE_PARSE", `${file}: ${what}`, { location: { file, line, column: 1 }, hint: HINT });
}

/** Parses a Gemfile.lock in one pass; a spec line of unexpected shape is LOCKFILE_PARSE with its line. */
export function parseGemfileLock(text: string, file: string): GemfileLock {
  const result: GemfileLock = { gems: [], dependencies: [], checksums: new Map() };
  let section = "";
  let remote: string | undefined;
  let revision: string | undefined;
  let inSpecs = false;
  let current: LockedGem | undefined;
  let sawSection = false;
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const raw = (lines[i] ?? "").replace(/\r$/, "");
    if (raw.trim() === "") continue;
    if (!raw.startsWith(" ")) {
      section = raw.trim();
      sawSection = true;
      remote = undefined;
      revision = undefined;
      inSpecs = false;
      current = undefined;
      continue;
    }
    if (!sawSection) throw parseError(file, line, "expected a section name such as GEM at the start of a line");
    if (SOURCES.has(section)) {
      const option = /^ {2}([a-z_]+):(?: (.*))?$/.exec(raw);
      if (option) {
        if (option[1] === "remote") remote = option[2];
        if (option[1] === "revision") revision = option[2];
        inSpecs = option[1] === "specs";
        continue;
      }
      if (!inSpecs || section === "PLUGIN SOURCE") continue;
      const spec = SPEC.exec(raw);
      if (spec?.[2] !== undefined) {
        current = {
          name: spec[1] ?? "",
          version: spec[2],
          line,
          dependencies: [],
          section: section as LockedGem["section"],
        };
        if (spec[3]) current.platform = spec[3];
        if (remote !== undefined) current.remote = remote;
        if (revision !== undefined) current.revision = revision;
        result.gems.push(current);
        continue;
      }
      const dependency = DEPENDENCY.exec(raw);
      if (dependency && current) {
        current.dependencies.push(dependency[1] ?? "");
        continue;
      }
      throw parseError(
        file,
        line,
        `expected "    name (version)" or "      dependency (requirement)" in ${section} specs`,
      );
    } else if (section === "DEPENDENCIES") {
      const dependency = TOP_DEPENDENCY.exec(raw);
      if (!dependency) throw parseError(file, line, 'expected "  name (requirement)" in DEPENDENCIES');
      result.dependencies.push({ name: dependency[1] ?? "", line });
    } else if (section === "CHECKSUMS") {
      const checksum = CHECKSUM.exec(raw);
      const sha = /(?:^|,)sha256=([0-9a-f]{64})(?:,|$)/.exec(checksum?.[2] ?? "");
      if (checksum?.[1] && sha?.[1]) result.checksums.set(checksum[1], sha[1]);
    }
  }
  if (text.trim() !== "" && !sawSection) throw parseError(file, 1, "expected a section name such as GEM");
  return result;
}
