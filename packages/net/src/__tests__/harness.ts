/** Shared set-up of the client tests: loopback servers closed after each test, recorded sleeps. */
import { afterEach } from "vitest";
import { HttpError } from "../errors.js";
import { type Handler, type Loopback, startHttp } from "./loopback.js";

const open: Loopback[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Starts a loopback HTTP server that is closed after the current test. */
export async function server(handler: Handler): Promise<Loopback> {
  const s = await startHttp(handler);
  open.push(s);
  return s;
}

/** The HttpError a promise rejects with; fails the test on success or another error. */
export async function rejection(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error("expected the request to fail");
}

/** A sleep that returns at once and records every wait asked for. */
export function recordedSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms: number) => void waits.push(ms) };
}
