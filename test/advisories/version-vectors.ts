import { readFileSync } from "node:fs";

/** One ordering case of a vector file: `a OP b`, or a Maven canonical form `canon: in -> out`. */
export type VectorCase =
  | { kind: "order"; a: string; op: "<" | "=" | ">" | "<=" | ">=" | "!="; b: string; line: number }
  | { kind: "canon"; input: string; output: string; line: number };

/** Reads a vector file of ../shared/corpus/versions (copied to test/fixtures/versions). */
export function readVectors(path: string): VectorCase[] {
  const cases: VectorCase[] = [];
  readFileSync(path, "utf8")
    .split("\n")
    .forEach((raw, index) => {
      const line = raw.trim();
      if (line === "" || line.startsWith("//") || line.startsWith("#")) return;
      const canon = /^canon: (.*) -> (.*)$/.exec(line);
      if (canon) {
        cases.push({ kind: "canon", input: canon[1] as string, output: canon[2] as string, line: index + 1 });
        return;
      }
      const parts = line.split(" ");
      if (parts.length !== 3) throw new Error(`${path}:${index + 1}: cannot read "${line}"`);
      const [a, op, b] = parts as [string, VectorCase extends { op: infer O } ? O : never, string];
      cases.push({ kind: "order", a, op, b, line: index + 1 });
    });
  return cases;
}

/** Whether `cmp` (sign of compare(a, b)) satisfies the operator. */
export function holds(op: string, cmp: number): boolean {
  switch (op) {
    case "<":
      return cmp < 0;
    case ">":
      return cmp > 0;
    case "=":
      return cmp === 0;
    case "<=":
      return cmp <= 0;
    case ">=":
      return cmp >= 0;
    case "!=":
      return cmp !== 0;
    default:
      throw new Error(`unknown operator ${op}`);
  }
}
