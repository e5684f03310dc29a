/**
 * Child-process entry of the loopback Sigstore stack (see sigstore-process.ts): starts the stack, sends its
 * addresses and trusted root to the parent, then answers "requests" (counts and CPU time) and "close" messages.
 */
import { startSigstoreStack } from "./sigstore.js";

/** Messages from the child to its parent. */
export type ChildMessage =
  | { type: "ready"; url: string; urlV2: string; trustedRoot: Record<string, unknown> }
  | { type: "requests"; requests: [string, number][]; cpuMs: number };

const keepAliveTimeoutMs = Number(process.env.SIGSTORE_STACK_KEEP_ALIVE_MS ?? 5_000);
const stack = await startSigstoreStack({ keepAliveTimeoutMs });
const send = (message: ChildMessage): void => {
  process.send?.(message);
};
send({ type: "ready", url: stack.url, urlV2: stack.urlV2, trustedRoot: stack.trustedRoot });
process.on("message", (message) => {
  if (message === "requests") {
    const cpu = process.cpuUsage();
    send({ type: "requests", requests: [...stack.requests], cpuMs: (cpu.user + cpu.system) / 1000 });
  } else if (message === "close") {
    void stack.close().then(() => process.exit(0));
  }
});
// The parent went away without closing: do not linger.
process.on("disconnect", () => process.exit(0));
