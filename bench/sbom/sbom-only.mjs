// `tollgate sbom` without the CLI: @tollgate/sbom's writeSboms alone, as the CLI would run it if
// the other commands' packages were not loaded at start-up. Arguments: DIR OUTPUT-FILE.
import { writeSboms } from "../../packages/sbom/dist/index.js";

const [dir, output] = process.argv.slice(2);
await writeSboms(dir, { formats: ["cyclonedx-json"], output, toolVersion: "bench" });
