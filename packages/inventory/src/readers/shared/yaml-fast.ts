/**
 * A fast reader for the YAML that pnpm and yarn berry write: block mappings indented with
 * spaces, block sequences of scalars, one-line flow mappings/sequences, plain and quoted
 * scalars. It answers undefined for anything else (anchors, tags, multi-line scalars,
 * several documents, odd indentation), and the caller then uses the full `yaml` parser,
 * which also reports the errors. The `yaml` package takes seconds on a large lockfile;
 * this takes tens of milliseconds, and a test holds it to the same result.
 */

/** What the fast reader gives back: the data and the line of each key at depths 0 and 1. */
export interface FastYaml {
  data: Record<string, unknown>;
  lines: Map<string, Map<string, number>>;
}

class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

const NULL = /^(?:~|null|Null|NULL)$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;
const SPECIAL = /^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|0o[0-7]+|0x[0-9a-fA-F]+)$/;
/** Characters a plain scalar may not start with (YAML indicators). */
const INDICATOR = new Set(["[", "]", "{", "}", ",", "#", "&", "*", "!", "|", ">", "'", '"', "%", "@", "`"]);

type Schema = "core" | "failsafe";

function plain(text: string, schema: Schema): unknown {
  if (text === "" || INDICATOR.has(text[0] as string) || text.includes(" #") || text.includes(": ")) bail();
  if (text.endsWith(":") || text.startsWith("- ") || text === "-" || text.startsWith("? ")) bail();
  if (schema === "failsafe") return text;
  if (SPECIAL.test(text)) bail();
  if (NULL.test(text)) return null;
  if (BOOL.test(text)) return text[0] === "t" || text[0] === "T";
  if (INT.test(text) || FLOAT.test(text)) return Number(text);
  return text;
}

/** Reads a quoted scalar starting at `at`; returns it and the offset after the closing quote. */
function quoted(text: string, at: number): [string, number] {
  const quote = text[at];
  if (quote === "'") {
    let out = "";
    for (let i = at + 1; i < text.length; i++) {
      if (text[i] !== "'") out += text[i];
      else if (text[i + 1] === "'") {
        out += "'";
        i++;
      } else return [out, i + 1];
    }
    return bail();
  }
  let end = at + 1;
  while (end < text.length && text[end] !== '"') end += text[end] === "\\" ? 2 : 1;
  if (end >= text.length) bail();
  const raw = text.slice(at, end + 1);
  if (raw.includes("\t")) bail();
  try {
    return [JSON.parse(raw) as string, end + 1];
  } catch {
    return bail();
  }
}

/** Reads a one-line flow collection or scalar at `at`; returns it and the offset after it. */
function flow(text: string, at: number, schema: Schema): [unknown, number] {
  let i = at;
  const spaces = () => {
    while (text[i] === " ") i++;
  };
  const open = text[i];
  if (open === "{" || open === "[") {
    const map: Record<string, unknown> = {};
    const list: unknown[] = [];
    i++;
    spaces();
    if (text[i] === (open === "{" ? "}" : "]")) return [open === "{" ? map : list, i + 1];
    for (;;) {
      spaces();
      if (open === "{") {
        let key: string;
        if (text[i] === "'" || text[i] === '"') [key, i] = quoted(text, i);
        else {
          const colon = text.indexOf(": ", i);
          if (colon === -1) bail();
          key = text.slice(i, colon).trimEnd();
          if (/[,{}[\]]/.test(key) || typeof plain(key, schema) !== "string") bail();
          i = colon;
        }
        if (text[i] !== ":" || text[i + 1] !== " " || key === "__proto__" || Object.hasOwn(map, key)) bail();
        i += 2;
        spaces();
        const [value, next] = flow(text, i, schema);
        map[key] = value;
        i = next;
      } else {
        const [value, next] = flow(text, i, schema);
        list.push(value);
        i = next;
      }
      spaces();
      if (text[i] === ",") i++;
      else if (text[i] === (open === "{" ? "}" : "]")) return [open === "{" ? map : list, i + 1];
      else bail();
    }
  }
  if (open === "'" || open === '"') return quoted(text, i);
  let end = i;
  while (end < text.length && !",{}[]".includes(text[end] as string)) end++;
  return [plain(text.slice(i, end).trimEnd(), schema), end];
}

/** A whole value after `key: ` on a block line. */
function blockValue(text: string, schema: Schema): unknown {
  const [value, end] =
    text[0] === "{" || text[0] === "[" || text[0] === "'" || text[0] === '"'
      ? flow(text, 0, schema)
      : [plain(text, schema), text.length];
  if (text.slice(end).trim() !== "") bail();
  return value;
}

interface Frame {
  indent: number;
  container: Record<string, unknown> | unknown[];
  depth: number;
}

/** Parses lockfile YAML fast, or returns undefined when it is outside the subset this reader knows. */
export function parseYamlFast(source: string, schema: Schema): FastYaml | undefined {
  try {
    const data: Record<string, unknown> = {};
    const lines = new Map<string, Map<string, number>>([["", new Map()]]);
    const stack: Frame[] = [{ indent: 0, container: data, depth: 0 }];
    let pending: { map: Record<string, unknown>; key: string; indent: number; depth: number } | undefined;
    let sectionName = "";
    const rows = source.split("\n");
    let seenContent = false;
    for (let index = 0; index < rows.length; index++) {
      const row = (rows[index] as string).replace(/\r$/, "");
      const text = row.trimStart();
      if (text === "" || text.startsWith("#")) continue;
      if (row.startsWith("---") || row.startsWith("...")) {
        if (seenContent || row.trimEnd() !== "---") bail();
        continue;
      }
      seenContent = true;
      const indent = row.length - text.length;
      if (row.slice(0, indent).includes("\t")) bail();
      if (pending) {
        const child: Frame["container"] | null = indent > pending.indent ? (text.startsWith("- ") ? [] : {}) : null;
        pending.map[pending.key] = child;
        if (child) stack.push({ indent, container: child, depth: pending.depth + 1 });
        if (child && !Array.isArray(child) && pending.depth === 0) lines.set(pending.key, new Map());
        pending = undefined;
      }
      while ((stack[stack.length - 1] as Frame).indent > indent) stack.pop();
      const frame = stack[stack.length - 1] as Frame;
      if (frame.indent !== indent) bail();
      const body = text.trimEnd();
      if (Array.isArray(frame.container)) {
        if (!body.startsWith("- ")) bail();
        const item = body.slice(2).trim();
        if (/^[^'"{[]*: /.test(item) || item.endsWith(":")) bail();
        frame.container.push(blockValue(item, schema));
        continue;
      }
      let key: string;
      let at: number;
      if (body[0] === "'" || body[0] === '"') [key, at] = quoted(body, 0);
      else {
        const colon = body.search(/:(?: |$)/);
        if (colon <= 0) bail();
        key = body.slice(0, colon);
        if (typeof plain(key, schema) !== "string" || key.startsWith("- ") || key.endsWith(" ")) bail();
        at = colon;
      }
      if (body[at] !== ":" || key === "__proto__" || Object.hasOwn(frame.container, key)) bail();
      if (frame.depth === 0) {
        sectionName = key;
        (lines.get("") as Map<string, number>).set(key, index + 1);
      } else if (frame.depth === 1) {
        lines.get(sectionName)?.set(key, index + 1);
      }
      const rest = body.slice(at + 1);
      if (rest.trim() === "") pending = { map: frame.container, key, indent, depth: frame.depth };
      else if (rest[0] !== " ") bail();
      else {
        const value = blockValue(rest.trim(), schema);
        frame.container[key] = value;
        // A one-line map at the top (`settings: {}`) is a section too, its keys on this line.
        if (frame.depth === 0 && typeof value === "object" && value !== null && !Array.isArray(value)) {
          lines.set(key, new Map(Object.keys(value).map((k) => [k, index + 1])));
        }
      }
    }
    if (pending) pending.map[pending.key] = null;
    if (!seenContent) bail();
    return { data, lines };
  } catch (error) {
    if (error instanceof Bail) return undefined;
    throw error;
  }
}
