import { type Document, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";

/** One violation of the project's workflow security rules, at a 1-based line. */
export interface RuleViolation {
  rule: "expression-in-run" | "unpinned-uses" | "missing-permissions" | "pull-request-target-checkout";
  line: number;
  message: string;
}

const PINNED = /^[^@\s]+@[0-9a-f]{40}$/;
/** `${{ env.NAME }}` is the one expression allowed inside `run:`; anything else is injectable. */
const PLAIN_ENV = /^\$\{\{\s*env\.[A-Za-z_][A-Za-z0-9_]*\s*\}\}$/;

function lineOf(node: Node | null | undefined, counter: LineCounter): number {
  const offset = node?.range?.[0];
  return offset === undefined ? 1 : counter.linePos(offset).line;
}

function* walk(node: unknown, path: string[] = []): Generator<{ key: string; value: Node; path: string[] }> {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : "";
      if (pair.value && typeof pair.value === "object") {
        yield { key, value: pair.value as Node, path };
        yield* walk(pair.value, [...path, key]);
      }
    }
  } else if (isSeq(node)) {
    for (const item of node.items) yield* walk(item, path);
  }
}

/**
 * Tollgate's own actions and reusable workflow, which user-facing templates and examples
 * reference by release tag for readability (the README and the templates tell users to pin a SHA).
 */
export const FIRST_PARTY = /^tollgate-dev\/tollgate\/[^@\s]+@v\d+$/;

/** Checks a workflow or action.yml text: expressions in `run:`, unpinned `uses:`, permissions, pull_request_target. */
export function checkWorkflowRules(
  text: string,
  kind: "workflow" | "action",
  options: { allowFirstPartyTags?: boolean } = {},
): RuleViolation[] {
  const counter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter: counter });
  const violations: RuleViolation[] = [];
  for (const { key, value } of walk(doc.contents)) {
    if (key === "run" && isScalar(value)) {
      for (const match of String(value.value).matchAll(/\$\{\{[^}]*\}\}/g)) {
        if (!PLAIN_ENV.test(match[0])) {
          violations.push({
            rule: "expression-in-run",
            line: lineOf(value, counter),
            message: `${match[0]} inside run: pass it through env: instead`,
          });
        }
      }
    }
    if (key === "uses" && isScalar(value)) {
      const target = String(value.value);
      const local =
        target.startsWith("./") ||
        target.startsWith("docker://") ||
        (options.allowFirstPartyTags === true && FIRST_PARTY.test(target));
      if (!local && !PINNED.test(target)) {
        violations.push({
          rule: "unpinned-uses",
          line: lineOf(value, counter),
          message: `${target} is not pinned by a full commit SHA`,
        });
      }
    }
  }
  if (kind === "workflow") {
    const root = doc.contents;
    if (!isMap(root) || !root.has("permissions")) {
      violations.push({ rule: "missing-permissions", line: 1, message: "the workflow has no top-level permissions:" });
    }
    const on = isMap(root) ? root.get("on", true) : undefined;
    const triggers = isMap(on)
      ? on.items.map((p) => String(isScalar(p.key) ? p.key.value : ""))
      : isSeq(on)
        ? on.items.map((i) => String(isScalar(i) ? i.value : ""))
        : isScalar(on)
          ? [String(on.value)]
          : [];
    if (
      triggers.includes("pull_request_target") &&
      /github\.event\.pull_request\.head\.(sha|ref)|github\.head_ref/.test(text)
    ) {
      violations.push({
        rule: "pull-request-target-checkout",
        line: 1,
        message:
          "pull_request_target with a checkout of the pull request's code runs untrusted code with a write token",
      });
    }
  }
  return violations;
}
