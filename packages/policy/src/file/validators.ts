import parseSpdx from "spdx-expression-parse";
import { z } from "zod";

/** True when `text` is a valid SPDX license expression (ids, `+`, `WITH`, `AND`/`OR`, `LicenseRef-…`). */
export function isSpdxExpression(text: string): boolean {
  try {
    parseSpdx(text);
    return true;
  } catch {
    return false;
  }
}

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An SPDX license expression, rejected when it does not parse. */
export const spdxExpression = z
  .string()
  .min(1)
  .refine(isSpdxExpression, {
    error: (issue) =>
      `${JSON.stringify(issue.input)} is not a valid SPDX license expression (ids are case-sensitive, e.g. MIT, Apache-2.0, GPL-2.0-only; use LicenseRef-<name> for others)`,
  });

/** A calendar date `YYYY-MM-DD`, rejected when it is not a real date. */
export const isoDate = z
  .string()
  .refine(isIsoDate, {
    error: (issue) => `${JSON.stringify(issue.input)} is not a date; write it as YYYY-MM-DD (e.g. 2026-12-31)`,
  })
  .meta({ format: "date" });

/** A duration such as `7d`, `12h` or `30m`. */
export const duration = z.string().regex(/^[1-9]\d*[dhm]$/, { error: "expected a duration such as 7d, 12h or 30m" });

/** A non-empty human reason: every exception in a policy says why. */
export const reason = z.string().trim().min(1, { error: "a reason is required and must not be empty" });

/** deny / warn / allow, the three answers a rule can give. */
export const action = z.enum(["deny", "warn", "allow"]);

/** An OSV ecosystem name as the inventory uses it. */
export const ecosystem = z.enum(["npm", "crates.io", "Go", "PyPI", "RubyGems", "Packagist", "Maven", "NuGet"]);

/** Parses a duration such as `7d` into milliseconds. */
export function durationMs(text: string): number {
  const unit = text.at(-1);
  const value = Number(text.slice(0, -1));
  const factor = unit === "d" ? 86_400_000 : unit === "h" ? 3_600_000 : 60_000;
  return value * factor;
}
