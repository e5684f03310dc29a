/**
 * The loopback Sigstore stack in its own Node process on 127.0.0.1, as the real services are remote: the mock's
 * CPU work (signing log entries and timestamps) then does not count as the signer's time. For the benchmark.
 */
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChildMessage } from "./sigstore-child.js";

export interface SigstoreStackProcess {
  /** Fulcio, Rekor v1 and the TSA share this origin. */
  url: string;
  /** The Rekor v2 log. */
  urlV2: string;
  trustedRoot: Record<string, unknown>;
  /** Requests received so far per path, and the CPU time (ms) the stack's process has used. */
  requests(): Promise<{ requests: Map<string, number>; cpuMs: number }>;
  close(): Promise<void>;
}

/** Forks the stack (keep-alive 5 s unless `keepAliveTimeoutMs` says otherwise); close it when done. */
export async function startSigstoreStackProcess(
  options: { keepAliveTimeoutMs?: number } = {},
): Promise<SigstoreStackProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL("./sigstore-child.ts", import.meta.url)), [], {
    execArgv: ["--import", fileURLToPath(new URL("./ts-hooks.ts", import.meta.url))],
    env: { ...process.env, SIGSTORE_STACK_KEEP_ALIVE_MS: String(options.keepAliveTimeoutMs ?? 5_000) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = <T extends ChildMessage["type"]>(type: T): Promise<Extract<ChildMessage, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the Sigstore stack process exited (${code})`));
      const onMessage = (message: ChildMessage) => {
        if (message.type !== type) return;
        child.off("message", onMessage).off("exit", onExit);
        resolve(message as Extract<ChildMessage, { type: T }>);
      };
      child.on("message", onMessage).once("exit", onExit);
    });
  const ready = await next("ready");
  return {
    url: ready.url,
    urlV2: ready.urlV2,
    trustedRoot: ready.trustedRoot,
    requests: async () => {
      const answer = next("requests");
      child.send("requests");
      const { requests, cpuMs } = await answer;
      return { requests: new Map(requests), cpuMs };
    },
    close: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send("close");
      await exited;
    },
  };
}
