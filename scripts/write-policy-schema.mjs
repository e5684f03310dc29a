// Writes schema/tollgate.schema.json from the policy package's zod schema (run after a build).
// A test fails when the committed file differs, so editors always get the real schema.
import { writeFile } from "node:fs/promises";
import { policyJsonSchema } from "@tollgate/policy";

const target = new URL("../schema/tollgate.schema.json", import.meta.url);
await writeFile(target, `${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
