import { describe, expect, it } from "vitest";
import { checkWorkflowRules } from "./workflow-rules.js";

const SAFE = `name: ok
on: push
permissions: {}
jobs:
  a:
    runs-on: ubuntu-24.04
    permissions:
      contents: read
    steps:
      - uses: actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0
      - uses: ./actions/sbom
      - run: echo "$TITLE" \${{ env.TITLE }}
        env:
          TITLE: \${{ github.event.pull_request.title }}
`;

describe("workflow security rules", () => {
  it("accepts a workflow that passes inputs through env and pins by SHA", () => {
    expect(checkWorkflowRules(SAFE, "workflow")).toEqual([]);
  });

  it("rejects an expression other than a plain env reference inside run:", () => {
    const text = SAFE.replace('echo "$TITLE" ${{ env.TITLE }}', "echo ${{ github.event.pull_request.title }}");
    expect(checkWorkflowRules(text, "workflow")).toEqual([
      {
        rule: "expression-in-run",
        line: 12,
        message: "${{ github.event.pull_request.title }} inside run: pass it through env: instead",
      },
    ]);
  });

  it("rejects inputs.* inside run: of an action", () => {
    const action = "runs:\n  using: composite\n  steps:\n    - run: echo ${{ inputs.path }}\n      shell: bash\n";
    expect(checkWorkflowRules(action, "action").map((v) => v.rule)).toEqual(["expression-in-run"]);
  });

  it("rejects a third-party action pinned by tag", () => {
    const text = SAFE.replace("actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8", "actions/checkout@v5");
    expect(checkWorkflowRules(text, "workflow")).toEqual([
      { rule: "unpinned-uses", line: 10, message: "actions/checkout@v5 is not pinned by a full commit SHA" },
    ]);
  });

  it("rejects a workflow without top-level permissions", () => {
    const text = SAFE.replace("permissions: {}\n", "");
    expect(checkWorkflowRules(text, "workflow").map((v) => v.rule)).toEqual(["missing-permissions"]);
  });

  it("rejects pull_request_target that checks out the pull request's head", () => {
    const text = SAFE.replace("on: push", "on: pull_request_target").replace(
      "      - uses: ./actions/sbom\n",
      "      - uses: ./actions/sbom\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n",
    );
    expect(checkWorkflowRules(text, "workflow").map((v) => v.rule)).toEqual(["pull-request-target-checkout"]);
  });
});
