const t0 = performance.now();
const { readInventory } = await import("../../packages/inventory/dist/index.js");
const t1 = performance.now();
const { cycloneDxChunks, spdxChunks } = await import("../../packages/sbom/dist/index.js");
const t2 = performance.now();
const dir = process.argv[2];
const fmt = process.argv[3] ?? "cdx";
const graph = await readInventory(dir, {});
const t3 = performance.now();
const chunks =
  fmt === "cdx"
    ? cycloneDxChunks(graph, { timestamp: new Date(0), toolVersion: "x", specVersion: "1.6" })
    : spdxChunks(graph, { timestamp: new Date(0), toolVersion: "x" });
const t4 = performance.now();
const f = (a, b) => (b - a).toFixed(0).padStart(5);
console.log(
  `import inv ${f(t0, t1)} sbom ${f(t1, t2)} inventory ${f(t2, t3)} write ${f(t3, t4)} rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)}`,
);
