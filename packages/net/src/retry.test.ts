import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  BACKOFF_BASE_MS,
  BACKOFF_CAP_MS,
  backoffDelay,
  isIdempotent,
  isRetryableStatus,
  parseRetryAfter,
  RETRY_AFTER_CAP_MS,
} from "./retry.js";

describe("backoffDelay", () => {
  it("draws uniformly below a ceiling that doubles from 500 ms (full jitter)", () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, () => 0.5))).toEqual([250, 500, 1000, 2000]);
  });

  it("never waits longer than the 10 s ceiling", () => {
    expect(backoffDelay(20, () => 0.999999)).toBe(9999);
  });

  it("stays within [0, min(10 s, 500 ms · 2^(attempt−1))) for any draw", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const delay = backoffDelay(attempt, () => r);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1)));
        },
      ),
    );
  });

  it("may wait nothing at all when the draw is 0", () => {
    expect(backoffDelay(3, () => 0)).toBe(0);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-22T12:00:00Z");

  it("reads delay-seconds", () => {
    expect(parseRetryAfter("7", now)).toBe(7000);
  });

  it("reads an HTTP-date relative to now", () => {
    expect(parseRetryAfter("Sun, 22 Nov 2026 12:00:03 GMT", now)).toBe(3000);
  });

  it("treats a date in the past as no wait", () => {
    expect(parseRetryAfter("Sun, 22 Nov 2026 11:59:00 GMT", now)).toBe(0);
  });

  it("caps what a server asks at 60 s", () => {
    expect(parseRetryAfter("3600", now)).toBe(RETRY_AFTER_CAP_MS);
  });

  it("never asks for a negative wait nor more than the cap, whatever the header says", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.nat().map(String),
          fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
        ),
        (value) => {
          const wait = parseRetryAfter(value, now);
          if (wait !== undefined) {
            expect(wait).toBeGreaterThanOrEqual(0);
            expect(wait).toBeLessThanOrEqual(RETRY_AFTER_CAP_MS);
          }
        },
      ),
    );
  });

  it.each([null, "", "soon", "-5", "1.5"])("ignores %j", (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe("isRetryableStatus", () => {
  it("retries 429 and transient 5xx only", () => {
    const statuses = [200, 301, 400, 401, 403, 404, 408, 409, 429, 500, 501, 502, 503, 504, 505];
    expect(statuses.filter(isRetryableStatus)).toEqual([429, 500, 502, 503, 504]);
  });
});

describe("isIdempotent", () => {
  it("retries GET, HEAD, PUT and DELETE by default, POST and PATCH only when told", () => {
    const methods = ["GET", "HEAD", "PUT", "DELETE", "POST", "PATCH"] as const;
    expect(methods.filter((m) => isIdempotent(m, undefined))).toEqual(["GET", "HEAD", "PUT", "DELETE"]);
    expect(isIdempotent("POST", true)).toBe(true);
    expect(isIdempotent("GET", false)).toBe(false);
  });
});
