import { InventoryError } from "../../errors.js";

/** One block of a yarn classic lockfile: the descriptors it answers and its fields. */
export interface ClassicEntry {
  /** `name@range` descriptors of the header (`"a@^1", a@^1.2:`). */
  descriptors: string[];
  line: number;
  /** Scalar fields (`version`, `resolved`, `integrity`, …). */
  fields: Map<string, string>;
  /** Nested maps (`dependencies`, `optionalDependencies`), name → range. */
  maps: Map<string, Map<string, string>>;
}

const HINT = "regenerate the lockfile with yarn install";

class Cursor {
  constructor(
    readonly text: string,
    readonly line: number,
    readonly file: string,
    public at: number,
  ) {}

  fail(expected: string): never {
    const column = this.at + 1;
    throw new InventoryError(
      "LOCKFILE_PARSE",
      `${this.file} is not a valid yarn lockfile: expected ${expected} at line ${this.line} column ${column}`,
      { location: { file: this.file, line: this.line, column }, hint: HINT },
    );
  }

  /** A quoted ("…", JSON escapes) or bare token; bare tokens end at a space, a comma or a final colon. */
  token(what: string): string {
    const { text } = this;
    if (text[this.at] === '"') {
      let end = this.at + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
      if (end >= text.length) this.fail(`a closing '"' of ${what}`);
      try {
        const value = JSON.parse(text.slice(this.at, end + 1)) as string;
        this.at = end + 1;
        return value;
      } catch {
        return this.fail(`a valid escape sequence in ${what}`);
      }
    }
    let end = this.at;
    while (
      end < text.length &&
      text[end] !== " " &&
      text[end] !== "," &&
      !(text[end] === ":" && end === text.length - 1)
    ) {
      end++;
    }
    if (end === this.at) this.fail(what);
    const value = text.slice(this.at, end);
    this.at = end;
    return value;
  }
}

/**
 * Parses a yarn classic (v1) lockfile. The format is not YAML: blocks with a header of
 * comma-separated descriptors, two-space indentation, `key value` pairs and one level of
 * nested maps. Anything else is a LOCKFILE_PARSE error naming line, column and expectation.
 */
export function parseYarnClassic(text: string, file: string): ClassicEntry[] {
  const entries: ClassicEntry[] = [];
  let entry: ClassicEntry | undefined;
  let map: Map<string, string> | undefined;
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const raw = (lines[index] ?? "").replace(/\r$/, "");
    const indent = raw.length - raw.trimStart().length;
    const content = raw.slice(indent).trimEnd();
    if (content === "" || content.startsWith("#")) continue;
    const cursor: Cursor = new Cursor(raw.trimEnd(), index + 1, file, indent);
    if (raw.slice(0, indent).includes("\t") || indent % 2 !== 0 || indent > 4)
      cursor.fail("an indentation of 0, 2 or 4 spaces");
    if (indent === 0) {
      if (!content.endsWith(":")) cursor.fail("':' at the end of an entry header");
      const descriptors: string[] = [];
      for (;;) {
        descriptors.push(cursor.token("a package descriptor"));
        if (cursor.text[cursor.at] === ":" && cursor.at === cursor.text.length - 1) break;
        if (cursor.text[cursor.at] !== ",") cursor.fail("',' or ':' after a descriptor");
        cursor.at++;
        while (cursor.text[cursor.at] === " ") cursor.at++;
      }
      entry = { descriptors, line: index + 1, fields: new Map(), maps: new Map() };
      entries.push(entry);
      map = undefined;
      continue;
    }
    if (!entry) cursor.fail("an entry header before indented lines");
    if (indent === 4 && !map) cursor.fail("a field that opens a map (e.g. 'dependencies:') before this line");
    const key = cursor.token("a field name");
    if (cursor.at === cursor.text.length - 1 && cursor.text[cursor.at] === ":") {
      if (indent !== 2) cursor.fail("a 'name value' pair");
      map = new Map();
      entry.maps.set(key, map);
      continue;
    }
    if (cursor.text[cursor.at] !== " ") cursor.fail("a space and a value after the field name");
    cursor.at++;
    const value = cursor.token("a value");
    if (cursor.at !== cursor.text.length) cursor.fail("the end of the line");
    if (indent === 2) {
      entry.fields.set(key, value);
      map = undefined;
    } else map?.set(key, value);
  }
  return entries;
}
