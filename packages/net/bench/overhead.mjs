// Per-request overhead of createHttpClient over undici's own fetch, on a loopback server.
// Run after a build: `npx tsc -b packages/net && node packages/net/bench/overhead.mjs`.
import { createServer } from "node:http";
import { Agent, fetch } from "undici";
import { createHttpClient } from "../dist/index.js";

const N = Number(process.argv[2] ?? 2000);
const body = JSON.stringify({ vulns: Array.from({ length: 20 }, (_, i) => ({ id: `GHSA-${i}` })) });
const server = createServer((_req, res) => res.end(body));
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${server.address().port}/v1/query?page=1`;
const client = createHttpClient({ allowOnly: ["127.0.0.1"] });
const agent = new Agent();
const viaClient = async () => (await client.request({ url })).json();
const viaFetch = async () => JSON.parse(await (await fetch(url, { dispatcher: agent })).text());

for (let i = 0; i < 200; i++) await Promise.all([viaClient(), viaFetch()]);
let clientMs = 0;
let fetchMs = 0;
// Interleaved rounds, so both sides see the same machine noise.
for (let round = 0; round < 10; round++) {
  let t = performance.now();
  for (let i = 0; i < N / 10; i++) await viaClient();
  clientMs += performance.now() - t;
  t = performance.now();
  for (let i = 0; i < N / 10; i++) await viaFetch();
  fetchMs += performance.now() - t;
}
const us = (ms) => ((ms / N) * 1000).toFixed(0);
console.log(`${N} sequential GETs: client ${us(clientMs)} µs/req, undici fetch ${us(fetchMs)} µs/req`);
console.log(`overhead ${us(clientMs - fetchMs)} µs/req, ratio ${(clientMs / fetchMs).toFixed(2)}`);
server.close();
await agent.close();
process.exit(0);
