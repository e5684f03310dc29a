import type { Ecosystem } from "@tollgate/inventory";
import { PolicyError } from "@tollgate/policy";
import { z } from "zod";

const ecosystems = ["npm", "crates.io", "PyPI", "RubyGems", "Packagist", "NuGet"] as const;

const schema = z.object({
  path: z.string().min(1),
  policy: z.string().optional(),
  offline: z.enum(["true", "false"]),
  metadataUrls: z.array(z.string().regex(/^[A-Za-z.]+=https?:\/\/\S+$/, { error: "expected ecosystem=url" })),
  sarifFile: z.string().optional(),
});

/** The policy action's inputs, validated. */
export interface PolicyInputs {
  path: string;
  policy?: string;
  offline: boolean;
  metadataUrls: Partial<Record<Ecosystem, string>>;
  sarifFile?: string;
}

/** Validates the raw inputs; a bad one is a PolicyError naming the input. */
export function parsePolicyInputs(raw: {
  path: string;
  policy: string;
  offline: string;
  metadataUrls: string[];
  sarifFile: string;
}): PolicyInputs {
  const result = schema.safeParse({
    path: raw.path || ".",
    ...(raw.policy ? { policy: raw.policy } : {}),
    offline: raw.offline || "false",
    metadataUrls: raw.metadataUrls,
    ...(raw.sarifFile ? { sarifFile: raw.sarifFile } : {}),
  });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new PolicyError("POLICY_USAGE", `input ${String(issue?.path[0] ?? "?")}: ${issue?.message ?? "invalid"}`, {
      hint: "offline takes true or false; metadata-urls takes one ecosystem=url per line",
    });
  }
  const metadataUrls: Partial<Record<Ecosystem, string>> = {};
  for (const pair of result.data.metadataUrls) {
    const [ecosystem, url] = [pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1)];
    if (!(ecosystems as readonly string[]).includes(ecosystem)) {
      throw new PolicyError("POLICY_USAGE", `input metadata-urls: unknown ecosystem ${ecosystem}`, {
        hint: `use one of ${ecosystems.join(", ")}`,
      });
    }
    metadataUrls[ecosystem as Ecosystem] = url;
  }
  const { path, policy, sarifFile } = result.data;
  return {
    path,
    offline: result.data.offline === "true",
    metadataUrls,
    ...(policy ? { policy } : {}),
    ...(sarifFile ? { sarifFile } : {}),
  };
}
