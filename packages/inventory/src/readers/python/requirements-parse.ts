/** One logical line of a requirements file (continuations joined), comment removed, with its first line number. */
export interface RequirementLine {
  text: string;
  line: number;
}

/** A pinned requirement: `name[extras]==version ; markers --hash=alg:hex …`. */
export interface PinnedRequirement {
  name: string;
  version: string;
  hashes: Array<{ alg: string; hex: string }>;
}

/** pip-compile's `# via` annotation: the parents it names, and whether a requirements input (`-r`/`-c`) asked for it. */
export interface Via {
  parents: string[];
  fromInput: boolean;
}

/**
 * Splits a requirements file into logical lines in one pass: joins `\` continuations,
 * drops comments, and hands each `# via` annotation block to `onVia` for the line before it.
 */
export function requirementLines(text: string, onVia: (line: number, via: Via) => void): RequirementLine[] {
  const out: RequirementLine[] = [];
  const physical = text.split("\n");
  let pending = "";
  let start = 0;
  let via: Via | undefined;
  let viaFor = 0;
  const flushVia = () => {
    if (via) onVia(viaFor, via);
    via = undefined;
  };
  for (let i = 0; i < physical.length; i++) {
    const raw = (physical[i] ?? "").replace(/\r$/, "");
    if (pending === "") {
      const comment = /^\s*#(.*)$/.exec(raw);
      if (comment) {
        const after = comment[1] ?? "";
        const viaStart = /^\s*via(?:\s+(.*))?$/.exec(after);
        if (viaStart && out.length > 0) {
          flushVia();
          via = { parents: [], fromInput: false };
          viaFor = out[out.length - 1]?.line ?? 0;
          if (viaStart[1]) addVia(via, viaStart[1]);
        } else if (via && /^\s{2,}\S/.test(after)) addVia(via, after);
        else flushVia();
        continue;
      }
      flushVia();
      start = i + 1;
    }
    const withoutComment = raw.replace(/(^|\s)#.*$/, "");
    if (withoutComment.endsWith("\\")) {
      pending += `${withoutComment.slice(0, -1)} `;
      continue;
    }
    const joined = (pending + withoutComment).trim();
    pending = "";
    if (joined !== "") out.push({ text: joined, line: start });
  }
  flushVia();
  if (pending.trim() !== "") out.push({ text: pending.trim(), line: start });
  return out;
}

function addVia(via: Via, entry: string): void {
  const text = entry.trim();
  if (/^-[rc]\s/.test(text) || text.startsWith("--requirement") || text.startsWith("--constraint"))
    via.fromInput = true;
  else if (text !== "") via.parents.push(text.split(/[\s[]/)[0] ?? text);
}

const NAME = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*/;

/** The pinned requirement of a line, or undefined when it pins no exact version (ranges, URLs, wildcards). */
export function parsePinned(text: string): PinnedRequirement | undefined {
  const name = NAME.exec(text);
  if (!name?.[1]) return undefined;
  const rest = text.slice(name[0].length);
  const pin = /^===?\s*([^\s;,*]+)\s*(?:;(?:(?!--hash).)*)?((?:\s*--hash[=\s]\S+)*)\s*$/.exec(rest);
  if (!pin?.[1]) return undefined;
  const hashes: Array<{ alg: string; hex: string }> = [];
  for (const match of (pin[2] ?? "").matchAll(/--hash[=\s]([A-Za-z0-9]+):([0-9a-fA-F]+)/g)) {
    hashes.push({ alg: (match[1] ?? "").toLowerCase(), hex: (match[2] ?? "").toLowerCase() });
  }
  return { name: name[1], version: pin[1], hashes };
}
