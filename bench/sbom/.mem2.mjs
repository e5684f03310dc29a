import { readFileSync } from "node:fs";

const m = (l) => {
  const u = process.memoryUsage();
  console.log(
    l.padEnd(12),
    "rss",
    (u.rss / 2 ** 20).toFixed(0),
    "heapUsed",
    (u.heapUsed / 2 ** 20).toFixed(0),
    "heapTotal",
    (u.heapTotal / 2 ** 20).toFixed(0),
    "ext",
    (u.external / 2 ** 20).toFixed(0),
  );
};
const { readInventory } = await import("../../packages/inventory/dist/index.js");
const { cycloneDxDocument } = await import("../../packages/sbom/dist/cyclonedx/write.js");
const { renderDocument } = await import("../../packages/sbom/dist/shared/chunks.js");
m("loaded");
const text = readFileSync(process.argv[2] + "/package-lock.json", "utf8");
m("text");
const data = JSON.parse(text);
m("parsed");
const graph = await readInventory(process.argv[2], {});
m("graph");
globalThis.gc?.();
m("graph gc");
renderDocument(cycloneDxDocument(graph, { timestamp: new Date(0), toolVersion: "x" }), () => {});
m("rendered");
