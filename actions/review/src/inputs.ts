import { PolicyError } from "@tollgate/policy";
import { z } from "zod";

const schema = z.object({
  path: z.string().min(1),
  base: z.string().optional(),
  baseSbom: z.string().optional(),
  policy: z.string().optional(),
  advisoryDb: z.string().optional(),
  offline: z.enum(["true", "false"]),
  comment: z.enum(["true", "false"]),
  token: z.string().optional(),
});

/** The review action's inputs, validated. */
export type ReviewInputs = Omit<z.output<typeof schema>, "offline" | "comment"> & {
  offline: boolean;
  comment: boolean;
};

/** Validates raw inputs (empty strings mean "not given"); the base defaults to `origin/$GITHUB_BASE_REF`. */
export function parseReviewInputs(
  raw: Record<keyof z.input<typeof schema>, string>,
  env: NodeJS.ProcessEnv,
): ReviewInputs {
  const given = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== ""));
  if (given.base === undefined && given.baseSbom === undefined && env.GITHUB_BASE_REF)
    given.base = `origin/${env.GITHUB_BASE_REF}`;
  const result = schema.safeParse({ path: ".", offline: "false", comment: "true", ...given });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PolicyError("POLICY_USAGE", `input ${String(issue?.path[0] ?? "?")}: ${issue?.message ?? "invalid"}`, {
      hint: "offline and comment take true or false",
    });
  }
  if (result.data.base === undefined && result.data.baseSbom === undefined) {
    throw new PolicyError(
      "POLICY_REVIEW",
      "no base to compare with: not a pull_request event and neither base nor base-sbom is set",
      {
        hint: "run on pull_request, or set the base input (e.g. origin/main)",
      },
    );
  }
  return { ...result.data, offline: result.data.offline === "true", comment: result.data.comment === "true" };
}

/** The pull request number of the event, from GITHUB_EVENT_PATH's payload; undefined outside pull requests. */
export function pullRequestNumber(payload: unknown): number | undefined {
  const number = (payload as { pull_request?: { number?: unknown } } | undefined)?.pull_request?.number;
  return typeof number === "number" ? number : undefined;
}
