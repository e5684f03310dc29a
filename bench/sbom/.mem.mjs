const r = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);
const a = r();
await import("../../packages/inventory/dist/index.js");
const b = r();
const { cycloneDxChunks } = await import("../../packages/sbom/dist/index.js");
const c = r();
console.log(
  "base",
  a,
  "inv",
  b,
  "sbom",
  c,
  "heap",
  (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0),
  "total heap",
  (process.memoryUsage().heapTotal / 2 ** 20).toFixed(0),
);
