import type { EgressRecord, HttpClient, HttpRequest, HttpResponse } from "@tollgate/net";

/**
 * A small client that honours the HttpClient contract (acceptStatus, retries of idempotent calls on 5xx/429,
 * egress records) for the GitHub tests, used until @tollgate/net's createHttpClient is available to them.
 */
export function loopbackHttpClient(): HttpClient {
  const egress: EgressRecord[] = [];
  return {
    egress,
    async request(request: HttpRequest): Promise<HttpResponse> {
      const method = request.method ?? "GET";
      const url = new URL(request.url);
      const idempotent = request.idempotent ?? ["GET", "HEAD", "PUT", "DELETE"].includes(method);
      const attempts = idempotent ? (request.attempts ?? 4) : 1;
      const started = Date.now();
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(url, {
          method,
          ...(request.headers ? { headers: request.headers } : {}),
          ...(request.body === undefined ? {} : { body: request.body }),
        });
        const body = new Uint8Array(await response.arrayBuffer());
        const ok = response.status < 400 || (request.acceptStatus ?? []).includes(response.status);
        const retryable = response.status === 429 || response.status >= 500;
        if (!ok && retryable && attempt < attempts) continue;
        egress.push({
          method,
          host: url.host,
          path: url.pathname,
          status: response.status,
          attempts: attempt,
          durationMs: Date.now() - started,
        });
        if (!ok)
          throw Object.assign(new Error(`HTTP ${response.status} from ${url.host}${url.pathname}`), {
            status: response.status,
          });
        const text = (): string => new TextDecoder().decode(body);
        return {
          status: response.status,
          headers: response.headers,
          url: response.url,
          body,
          text,
          json: <T>() => JSON.parse(text()) as T,
        };
      }
    },
  };
}
