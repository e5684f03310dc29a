import { type Document, isMap, isScalar, isSeq, type LineCounter, type Node } from "yaml";

/** A 1-based position in the policy file. */
export interface Position {
  line: number;
  column: number;
}

function childOf(node: unknown, step: PropertyKey): { key?: Node; value?: Node } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(step));
    return pair ? { key: pair.key as Node, value: (pair.value ?? undefined) as Node | undefined } : undefined;
  }
  if (isSeq(node) && typeof step === "number") {
    const value = node.items[step];
    return value ? { value: value as Node } : undefined;
  }
  return undefined;
}

/**
 * The position of the key (or value) at `path` in a YAML document; for a path that
 * does not exist, the position of the nearest existing parent.
 */
export function locate(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): Position | undefined {
  let node: unknown = doc.contents;
  let found: Node | undefined = doc.contents ?? undefined;
  for (const step of path) {
    const child = childOf(node, step);
    if (!child) break;
    found = child.key ?? child.value ?? found;
    node = child.value;
  }
  const offset = found?.range?.[0];
  if (offset === undefined) return undefined;
  const { line, col } = lines.linePos(offset);
  return { line, column: col };
}

/** Renders a key path as written in the file: `licenses.exceptions[0].reason`. */
export function keyPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const step of path) {
    if (typeof step === "number") text += `[${step}]`;
    else text += text === "" ? String(step) : `.${String(step)}`;
  }
  return text === "" ? "(top level)" : text;
}
