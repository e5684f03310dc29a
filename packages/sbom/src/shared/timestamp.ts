import { SbomError } from "../errors.js";

/**
 * The creation time of an SBOM: `SOURCE_DATE_EPOCH` (seconds since 1970) when set, so
 * rebuilds are byte-identical, else the clock. Milliseconds are dropped either way.
 */
export function sbomTimestamp(env: NodeJS.ProcessEnv, now: () => Date = () => new Date()): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== "") {
    if (!/^\d{1,12}$/.test(epoch)) {
      throw new SbomError("SBOM_INVALID", `SOURCE_DATE_EPOCH is "${epoch}", not a whole number of seconds`, {
        hint: "set SOURCE_DATE_EPOCH to seconds since 1970-01-01 (e.g. git log -1 --format=%ct) or unset it",
      });
    }
    return new Date(Number(epoch) * 1000);
  }
  return new Date(Math.floor(now().getTime() / 1000) * 1000);
}

/** An ISO 8601 UTC time without milliseconds, as both SBOM formats expect. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
