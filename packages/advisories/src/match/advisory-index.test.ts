import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type OsvRecord, parseOsvRecord } from "../osv/schema.js";
import { findScheme } from "../versions/ecosystems.js";
import type { VersionScheme } from "../versions/scheme.js";
import { AdvisoryIndex } from "./advisory-index.js";

const corpus = join(import.meta.dirname, "../../../../test/fixtures/advisories");

function record(partial: Partial<OsvRecord> & { affected: OsvRecord["affected"] }): OsvRecord {
  return parseOsvRecord({ id: "TEST-1", modified: "2026-01-01T00:00:00Z", ...partial }, "inline");
}

function indexOf(...records: OsvRecord[]): AdvisoryIndex {
  const index = new AdvisoryIndex();
  for (const r of records) index.add(r, r.id);
  return index;
}

function ids(index: AdvisoryIndex, ecosystem: string, name: string, version: string): string[] {
  return index.match({ ecosystem, name, version }).map((m) => m.advisory.id);
}

function fromCorpus(path: string): OsvRecord {
  return parseOsvRecord(JSON.parse(readFileSync(join(corpus, path), "utf8")), path);
}

const pkg = { ecosystem: "npm", name: "demo" };

describe("OSV range semantics", () => {
  const index = indexOf(
    record({
      affected: [{ package: pkg, ranges: [{ type: "SEMVER", events: [{ introduced: "0" }, { fixed: "1.2.0" }] }] }],
    }),
  );

  it('treats introduced "0" as the beginning of time', () => {
    expect(ids(index, "npm", "demo", "0.0.1")).toEqual(["TEST-1"]);
  });

  it("treats fixed as exclusive", () => {
    expect(ids(index, "npm", "demo", "1.1.9")).toEqual(["TEST-1"]);
    expect(ids(index, "npm", "demo", "1.2.0")).toEqual([]);
  });

  it("treats last_affected as inclusive", () => {
    const last = indexOf(
      record({
        affected: [
          {
            package: pkg,
            ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "1.0.0" }, { last_affected: "1.4.0" }] }],
          },
        ],
      }),
    );
    expect(ids(last, "npm", "demo", "1.4.0")).toEqual(["TEST-1"]);
    expect(ids(last, "npm", "demo", "1.4.1")).toEqual([]);
    expect(ids(last, "npm", "demo", "0.9.0")).toEqual([]);
  });

  it("stops a range at its limit", () => {
    const limited = indexOf(
      record({
        affected: [
          { package: pkg, ranges: [{ type: "SEMVER", events: [{ introduced: "1.0.0" }, { limit: "2.0.0" }] }] },
        ],
      }),
    );
    expect(ids(limited, "npm", "demo", "1.9.9")).toEqual(["TEST-1"]);
    expect(ids(limited, "npm", "demo", "2.0.0")).toEqual([]);
  });

  it("evaluates events in version order whatever order the record lists them in", () => {
    const shuffled = indexOf(
      record({
        affected: [
          {
            package: pkg,
            ranges: [
              {
                type: "SEMVER",
                events: [{ fixed: "2.1.0" }, { introduced: "2.0.0" }, { fixed: "1.1.0" }, { introduced: "1.0.0" }],
              },
            ],
          },
        ],
      }),
    );
    expect(ids(shuffled, "npm", "demo", "1.5.0")).toEqual([]);
    expect(ids(shuffled, "npm", "demo", "2.0.5")).toEqual(["TEST-1"]);
  });

  it("skips a GIT range without hiding the ECOSYSTEM range after it", () => {
    const git = indexOf(
      record({
        affected: [
          {
            package: { ecosystem: "PyPI", name: "demo" },
            ranges: [
              { type: "GIT", repo: "https://example.org/demo.git", events: [{ introduced: "0" }, { fixed: "abc123" }] },
              { type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "2.0" }] },
            ],
          },
        ],
      }),
    );
    expect(ids(git, "PyPI", "demo", "1.5")).toEqual(["TEST-1"]);
    expect(ids(git, "PyPI", "demo", "2.0")).toEqual([]);
  });

  it("matches versions listed explicitly", () => {
    const listed = indexOf(record({ affected: [{ package: pkg, versions: ["3.0.0", "3.0.1"] }] }));
    expect(ids(listed, "npm", "demo", "3.0.1")).toEqual(["TEST-1"]);
    expect(ids(listed, "npm", "demo", "3.0.2")).toEqual([]);
  });

  it("matches a listed version outside every range, and one inside them, in any spelling of the same version", () => {
    const both = indexOf(
      record({
        affected: [
          {
            package: { ecosystem: "PyPI", name: "demo" },
            ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "2.0" }, { fixed: "2.5" }] }],
            versions: ["1.0", "2.1", "not a version!"],
          },
        ],
      }),
    );
    expect(ids(both, "PyPI", "demo", "1.0")).toEqual(["TEST-1"]);
    expect(ids(both, "PyPI", "demo", "1.0.0")).toEqual(["TEST-1"]);
    expect(ids(both, "PyPI", "demo", "2.1")).toEqual(["TEST-1"]);
    expect(ids(both, "PyPI", "demo", "1.1")).toEqual([]);
    expect(ids(both, "PyPI", "demo", "2.5")).toEqual([]);
  });

  it("ignores withdrawn advisories", () => {
    const withdrawn = indexOf(
      record({ withdrawn: "2026-02-01T00:00:00Z", affected: [{ package: pkg, versions: ["1.0.0"] }] }),
    );
    expect(ids(withdrawn, "npm", "demo", "1.0.0")).toEqual([]);
    expect(withdrawn.counts.withdrawn).toBe(1);
  });

  it("matches PyPI names by their PEP 503 form", () => {
    const py = indexOf(
      record({ affected: [{ package: { ecosystem: "PyPI", name: "Zope.Interface" }, versions: ["1.0"] }] }),
    );
    expect(ids(py, "PyPI", "zope-interface", "1.0")).toEqual(["TEST-1"]);
    expect(ids(py, "PyPI", "zope_interface", "1.0")).toEqual(["TEST-1"]);
  });

  it("reads ecosystem suffixes like Debian:12: the release is part of the package's identity", () => {
    const debian = indexOf(
      record({
        affected: [
          {
            package: { ecosystem: "Debian:12", name: "openssl" },
            ranges: [{ type: "ECOSYSTEM", events: [{ introduced: "0" }, { fixed: "3.0.11-1~deb12u2" }] }],
          },
        ],
      }),
    );
    expect(ids(debian, "Debian:12", "openssl", "3.0.11-1~deb12u1")).toEqual(["TEST-1"]);
    expect(ids(debian, "Debian:12", "openssl", "3.0.11-1~deb12u2")).toEqual([]);
    expect(ids(debian, "Debian:11", "openssl", "3.0.11-1~deb12u1")).toEqual([]);
  });

  it("leaves the packages of ecosystems it cannot order out of the index", () => {
    const actions = indexOf(
      record({ affected: [{ package: { ecosystem: "GitHub Actions", name: "demo" }, versions: ["1.0"] }] }),
    );
    expect(actions.counts.indexed).toBe(0);
  });

  it("refuses an inventory version the ecosystem cannot read instead of calling it unaffected", () => {
    expect(() => index.match({ ecosystem: "npm", name: "demo", version: "latest" })).toThrow(/cannot order/);
  });

  it("reports a record whose event version is unreadable as malformed", () => {
    const bad = indexOf(
      record({ affected: [{ package: pkg, ranges: [{ type: "SEMVER", events: [{ introduced: "banana" }] }] }] }),
    );
    expect(bad.malformed).toEqual([{ id: "TEST-1", file: "TEST-1", message: 'unreadable version "banana"' }]);
  });
});

describe("real records from the corpus", () => {
  it("GHSA-hrpp-h998-j3pp (qs): each of the nine branches is affected below its fix and not from it", () => {
    const index = indexOf(fromCorpus("ghsa/GHSA-hrpp-h998-j3pp.json"));
    expect(ids(index, "npm", "qs", "6.5.2")).toEqual(["GHSA-hrpp-h998-j3pp"]);
    expect(ids(index, "npm", "qs", "6.5.3")).toEqual([]);
    expect(ids(index, "npm", "qs", "6.10.2")).toEqual(["GHSA-hrpp-h998-j3pp"]);
    expect(ids(index, "npm", "qs", "6.10.3")).toEqual([]);
    expect(index.match({ ecosystem: "npm", name: "qs", version: "6.9.1" })[0]?.fixed).toEqual(["6.9.7", "6.10.3"]);
  });

  it("RUSTSEC-2016-0001 (openssl): 0.0.0-0 introduced, fixed 0.9.0", () => {
    const index = indexOf(fromCorpus("rustsec/crates/RUSTSEC-2016-0001.json"));
    expect(ids(index, "crates.io", "openssl", "0.8.3")).toEqual(["RUSTSEC-2016-0001"]);
    expect(ids(index, "crates.io", "openssl", "0.9.0")).toEqual([]);
  });

  it("GO-2020-0001 (gin): Go module versions with a v prefix match ranges without one", () => {
    const index = indexOf(fromCorpus("go/osv/GO-2020-0001.json"));
    expect(ids(index, "Go", "github.com/gin-gonic/gin", "v1.5.0")).toEqual(["GO-2020-0001"]);
    expect(ids(index, "Go", "github.com/gin-gonic/gin", "v1.6.0")).toEqual([]);
  });
});

describe("the index agrees with a direct reading of the OSV rules", () => {
  // The reference evaluation straight from the OSV schema text, with no shortcuts.
  function reference(version: string, record: OsvRecord, ecosystem: string, name: string): boolean {
    const scheme = findScheme(ecosystem) as VersionScheme;
    const v = scheme.parse(version);
    return (record.affected ?? []).some((a) => {
      if (a.package?.ecosystem !== ecosystem || a.package.name !== name) return false;
      const listed = (a.versions ?? []).map((l) => scheme.parse(l)).filter((l) => l !== undefined);
      if (listed.some((l) => scheme.compare(l, v) === 0)) return true;
      return (a.ranges ?? []).some((range) => {
        if (range.type === "GIT") return false;
        let affected = false;
        const events = [...range.events].sort((x, y) => {
          const vx = Object.values(x)[0] as string;
          const vy = Object.values(y)[0] as string;
          if (vx === "0") return vy === "0" ? 0 : -1;
          if (vy === "0") return 1;
          return scheme.compare(scheme.parse(vx), scheme.parse(vy));
        });
        for (const e of events) {
          const cmp = (w: string) => scheme.compare(v, scheme.parse(w));
          if (e.introduced !== undefined && (e.introduced === "0" || cmp(e.introduced) >= 0)) affected = true;
          else if (e.fixed !== undefined && cmp(e.fixed) >= 0) affected = false;
          else if (e.last_affected !== undefined && cmp(e.last_affected) > 0) affected = false;
          else if (e.limit !== undefined && cmp(e.limit) >= 0) return false;
        }
        return affected;
      });
    });
  }

  const files = readdirSync(join(corpus, "ghsa")).sort();
  const records = files.map((f) => fromCorpus(`ghsa/${f}`)).filter((r) => !r.withdrawn);
  const index = indexOf(...records);
  const cases = records.flatMap((r) =>
    (r.affected ?? [])
      .filter((a) => a.package?.ecosystem === "npm")
      .map((a) => ({
        record: r,
        name: a.package?.name as string,
        events: (a.ranges ?? []).flatMap((g) => g.events.flatMap((e) => Object.values(e))),
      })),
  );

  // Records that list versions besides their ranges (PyPA, RustSec, GHSA), at every listed and event version.
  const walk = (dir: string): string[] =>
    readdirSync(join(corpus, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(`${dir}/${e.name}`) : e.name.endsWith(".json") ? [`${dir}/${e.name}`] : [],
    );
  const listing = ["ghsa", "pypa", "rustsec"]
    .flatMap(walk)
    .map(fromCorpus)
    .filter((r) => !r.withdrawn && (r.affected ?? []).some((a) => (a.versions ?? []).length > 0));
  const listingIndex = indexOf(...listing);
  const listedCases = listing.flatMap((record) =>
    (record.affected ?? [])
      .filter((a) => a.package && findScheme(a.package.ecosystem))
      .flatMap((a) => {
        const { ecosystem, name } = a.package as { ecosystem: string; name: string };
        const events = (a.ranges ?? []).flatMap((g) => g.events.flatMap((e) => Object.values(e)));
        return [...(a.versions ?? []), ...events]
          .filter((v) => v !== "0" && findScheme(ecosystem)?.parse(v) !== undefined)
          .map((version) => ({ record, ecosystem, name, version }));
      }),
  );

  it("for every listed and event version of the corpus records that list versions", () => {
    expect(listedCases.length).toBeGreaterThan(500);
    for (const { record, ecosystem, name, version } of listedCases) {
      const got = listingIndex.match({ ecosystem, name, version }).some((m) => m.advisory.id === record.id);
      expect([record.id, version, got]).toEqual([record.id, version, reference(version, record, ecosystem, name)]);
    }
  });

  it("for every npm package of the GHSA corpus at versions around each event", () => {
    const tweak = fc.constantFrom(-1, 0, 1);
    fc.assert(
      fc.property(fc.constantFrom(...cases), fc.nat(), tweak, ({ record, name, events }, pick, delta) => {
        const base = (events[pick % events.length] ?? "1.0.0").split(/[-+]/)[0] as string;
        const parts = `${base}.0.0`.split(".").slice(0, 3).map(Number);
        parts[2] = Math.max(0, (parts[2] ?? 0) + delta);
        const version = parts.join(".");
        const got = index.match({ ecosystem: "npm", name, version }).some((m) => m.advisory.id === record.id);
        return got === reference(version, record, "npm", name);
      }),
      { numRuns: 2000 },
    );
  });
});
