import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileAllowList, DEFAULT_ALLOWED_HOSTS, isLoopbackHost, parseAllowEntry } from "./allow-list.js";
import { HttpError } from "./errors.js";

// DNS labels starting with a letter (an all-digit name is read as an IPv4 address by URL).
const label = fc.stringMatching(/^[a-z]([a-z0-9-]{0,10}[a-z0-9])?$/);
const domain = fc.array(label, { minLength: 2, maxLength: 4 }).map((labels) => labels.join("."));

describe("DEFAULT_ALLOWED_HOSTS", () => {
  it("lists the documented endpoints of OSV, Sigstore, GitHub and the registries' metadata APIs, by gate", () => {
    expect(DEFAULT_ALLOWED_HOSTS).toEqual([
      "api.osv.dev",
      "osv-vulnerabilities.storage.googleapis.com",
      "fulcio.sigstore.dev",
      "rekor.sigstore.dev",
      "timestamp.sigstore.dev",
      "tuf-repo-cdn.sigstore.dev",
      "api.github.com",
      "uploads.github.com",
      "fulcio.githubapp.com",
      "timestamp.githubapp.com",
      "crates.io",
      "pypi.org",
      "rubygems.org",
      "repo.packagist.org",
      "api.nuget.org",
    ]);
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(DEFAULT_ALLOWED_HOSTS)).toBe(true);
  });
});

describe("compileAllowList", () => {
  it("matches an exact host regardless of case and a trailing dot", () => {
    const list = compileAllowList(["api.osv.dev"]);
    expect(list.matches("API.OSV.dev.")).toBe(true);
    expect(list.matches("osv.dev")).toBe(false);
  });

  it("matches subdomains of a *.suffix entry but not the suffix itself nor a look-alike", () => {
    fc.assert(
      fc.property(label, domain, (sub, suffix) => {
        const list = compileAllowList([`*.${suffix}`]);
        expect(list.matches(`${sub}.${suffix}`)).toBe(true);
        expect(list.matches(suffix)).toBe(false);
        expect(list.matches(`${sub}${suffix}`)).toBe(false);
      }),
    );
  });

  it("never matches a host that no entry names", () => {
    fc.assert(
      fc.property(fc.uniqueArray(domain, { minLength: 2, maxLength: 6 }), (hosts) => {
        const [outsider, ...allowed] = hosts as [string, ...string[]];
        fc.pre(!allowed.includes(outsider));
        expect(compileAllowList(allowed).matches(outsider)).toBe(false);
      }),
    );
  });

  it("accepts IPv4 and bracketed or bare IPv6 addresses", () => {
    const list = compileAllowList(["127.0.0.1", "[::1]"]);
    expect(list.entries).toEqual(["127.0.0.1", "::1"]);
    expect(list.matches("[::1]")).toBe(true);
  });

  it("keeps its entries normalized, sorted and without duplicates", () => {
    expect(compileAllowList(["B.example.org", "a.example.org", "b.example.org."]).entries).toEqual([
      "a.example.org",
      "b.example.org",
    ]);
  });

  it.each([
    ["https://mirror.example.org", "a URL"],
    ["mirror.example.org:0", "port 0"],
    ["mirror.example.org:http", "a named port"],
    ["mirror.example.org:70000", "a port out of range"],
    ["mirror.example.org/simple", "a path"],
    ["*", "a bare wildcard"],
    ["*.org", "a top-level-domain wildcard"],
    ["mirror.*.org", "a wildcard in the middle"],
    ["", "an empty entry"],
  ])("refuses %j (%s) as INVALID_OPTIONS naming network.allow", (entry) => {
    const error = (() => {
      try {
        compileAllowList([entry]);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).code).toBe("INVALID_OPTIONS");
    expect((error as HttpError).message).toContain(`network.allow entry ${JSON.stringify(entry)}`);
  });

  it("limits an entry with a port to that port", () => {
    const list = compileAllowList(["mirror.example.org:8443", "*.cache.example.org:443"]);
    expect(list.matches("mirror.example.org", 8443)).toBe(true);
    expect(list.matches("mirror.example.org", 443)).toBe(false);
    expect(list.matches("eu.cache.example.org", 443)).toBe(true);
    expect(list.matches("eu.cache.example.org", 8443)).toBe(false);
  });

  it("lets an entry without a port cover every port", () => {
    expect(compileAllowList(["mirror.example.org"]).matches("mirror.example.org", 8443)).toBe(true);
  });

  it("normalizes IPv6 entries with a port into brackets", () => {
    const list = compileAllowList(["[::1]:8080", "[::1]"]);
    expect(list.entries).toEqual(["::1", "[::1]:8080"]);
  });

  it("normalizes a wildcard entry", () => {
    expect(parseAllowEntry("*.Mirror.Example.org")).toBe("*.mirror.example.org");
  });
});

describe("isLoopbackHost", () => {
  it.each(["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"])("treats %s as loopback", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each([
    "128.0.0.1",
    "10.0.0.1",
    "localhost.example.org",
    "127.0.0.1.example.org",
    "::2",
  ])("treats %s as remote", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});
