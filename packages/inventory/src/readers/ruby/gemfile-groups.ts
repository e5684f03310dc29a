/** Groups whose gems are needed only to develop the project. */
const DEV_GROUPS = new Set(["development", "test"]);

/** Symbols or strings named in a Ruby argument list fragment: `:development, "test"` → both. */
function names(fragment: string): string[] {
  return [...fragment.matchAll(/:(\w+)|["'](\w+)["']/g)].map((m) => m[1] ?? m[2] ?? "");
}

/**
 * The gems a Gemfile declares only in development/test groups, found with a line scan of
 * `group … do … end` blocks and `group:`/`groups:` options (the Gemfile is Ruby; this reads
 * the common declarative forms and treats anything else as a runtime gem).
 */
export function devOnlyGems(gemfile: string): Set<string> {
  const stack: Array<string[] | undefined> = [];
  const groupsOf = new Map<string, boolean>();
  for (const raw of gemfile.split("\n")) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") continue;
    const group = /^group\s*\(?\s*(.*?)\)?\s+do\s*(\|.*\|)?$/.exec(line);
    if (group) {
      stack.push(names(group[1] ?? ""));
      continue;
    }
    if (/\bdo\s*(\|.*\|)?$/.test(line)) {
      stack.push(undefined);
      continue;
    }
    if (line === "end") {
      stack.pop();
      continue;
    }
    const gem = /^gem\s*\(?\s*["']([^"']+)["'](.*)$/.exec(line);
    if (!gem?.[1]) continue;
    const option = /(?:\bgroups?:|:groups?\s*=>)\s*(\[[^\]]*\]|:\w+|["']\w+["'])/.exec(gem[2] ?? "");
    const groups = [...stack.flatMap((g) => g ?? []), ...names(option?.[1] ?? "")];
    const devOnly = groups.length > 0 && groups.every((g) => DEV_GROUPS.has(g));
    groupsOf.set(gem[1], (groupsOf.get(gem[1]) ?? true) && devOnly);
  }
  return new Set([...groupsOf].filter(([, dev]) => dev).map(([name]) => name));
}
