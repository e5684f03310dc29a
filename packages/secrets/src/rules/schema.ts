import { z } from "zod";

/** Severity of a rule, ordered from most to least urgent. */
export const severities = ["critical", "high", "medium", "low"] as const;
export type Severity = (typeof severities)[number];

/** One detection rule as written in the rules file. */
export const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    description: z.string().min(1),
    severity: z.enum(severities),
    /** Lower-case literals; the rule only runs near one of them (the prefilter). */
    keywords: z.array(z.string().min(2)).min(1),
    /** JavaScript regex source; the secret is group `secret`, else the first group, else the match. */
    regex: z.string().min(1),
    /** Minimum Shannon entropy (bits/char) of the secret. */
    entropy: z.number().min(0).max(8).optional(),
    /** Provider checksum embedded in the token. */
    checksum: z.enum(["github", "npm"]).optional(),
    /** A validator that understands the content (JWT header, PEM body, URL user, generic value). */
    validator: z.enum(["jwt", "private-key", "url-credentials", "generic", "generated"]).optional(),
    /** Characters searched after a keyword hit (default 320). */
    window: z.number().int().min(64).max(65536).optional(),
    /**
     * Set only for rules whose keyword sits inside the match: the regex then runs over a window from
     * this many characters before each hit. Without it the regex is anchored at the keyword.
     */
    before: z.number().int().min(0).max(4096).optional(),
    /**
     * For a windowed rule: every match has one of the keywords starting at most this many
     * characters after the match's start, so the regex starts its search that far before the next
     * keyword in the window (keywords without letters only: they are looked up as they are).
     */
    lead: z.number().int().min(0).max(4096).optional(),
  })
  .strict()
  .refine((r) => r.lead === undefined || (r.before !== undefined && r.keywords.every((k) => !/[a-z]/i.test(k))), {
    message: "lead needs before (a windowed rule) and keywords without letters",
    path: ["lead"],
  });

export type Rule = z.infer<typeof ruleSchema>;

/**
 * Positive and negative examples of every rule, kept in rules.examples.json beside the rules:
 * the test suite runs them, but they are not shipped, so no bundle carries example secrets.
 */
export const ruleExamplesFileSchema = z
  .object({
    version: z.literal(1),
    examples: z.record(
      z.string(),
      z.object({ positive: z.array(z.string()).min(1), negative: z.array(z.string()).min(1) }).strict(),
    ),
  })
  .strict();

/** The rules file: a version and the rules. */
export const rulesFileSchema = z.object({ version: z.literal(1), rules: z.array(ruleSchema).min(1) }).strict();
