import { createHttpClient, type HttpClient } from "@tollgate/net";

/** @tollgate/net's client limited to the loopback fake, with instant backoff so retry tests stay fast. */
export function loopbackHttpClient(): HttpClient {
  return createHttpClient({ allowOnly: ["127.0.0.1"], sleep: async () => {}, timeoutMs: 5_000 });
}
