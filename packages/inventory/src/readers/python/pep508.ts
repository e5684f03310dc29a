/** The PEP 503 normal form of a Python distribution name: lower case, runs of `-_.` as one `-`. */
export function normalizePyName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[-_.]+/g, "-");
}

/** The normalised name a PEP 508 requirement string starts with (`Foo_Bar[x]>=1; …` → `foo-bar`), if any. */
export function requirementName(requirement: string): string | undefined {
  const match = /^\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)/.exec(requirement);
  return match?.[1] === undefined ? undefined : normalizePyName(match[1]);
}
