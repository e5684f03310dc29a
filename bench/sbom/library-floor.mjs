// The floor under `tollgate sbom`: only the work issue 2 requires to be done by libraries, with
// nothing of Tollgate's own. It reads package-lock.json in the current directory, makes one
// @cyclonedx/cyclonedx-library Component per package (purl by packageurl-js unless the name
// needs no encoding, SHA-512 hash, license, distribution URL, one property), normalizes each
// with the library's JSON normalizer and writes them, pretty-printed in batches of 32, to the
// file named by its first argument. There is no dependency graph, no line numbers, no
// dependencies array, no SPDX, no metadata, no validation, no command-line parsing.
//
// bench/sbom/run.mjs bundles it with ncc (as the tollgate bin is bundled) and times it beside
// tollgate and npm sbom, with V8's compile cache on from its first line (NODE_COMPILE_CACHE):
// npm sbom's time divided by this one's is the best ratio any tool
// built on these libraries could reach on the same machine in the same run.
import { closeSync, openSync, readFileSync, writeSync } from "node:fs";
import * as Enums from "@cyclonedx/cyclonedx-library/Enums";
import * as Models from "@cyclonedx/cyclonedx-library/Models";
import * as Serialize from "@cyclonedx/cyclonedx-library/Serialize";
import * as Spec from "@cyclonedx/cyclonedx-library/Spec";
import { PackageURL } from "packageurl-js";

const lockfile = JSON.parse(readFileSync("package-lock.json", "utf8"));
const normalizer = new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6).makeForComponent();
const fd = openSync(process.argv[2], "w");
let batch = [];
const flush = () => {
  writeSync(fd, JSON.stringify({ components: batch }, null, 2));
  batch = [];
};
for (const [path, entry] of Object.entries(lockfile.packages ?? {})) {
  if (path === "" || !path.includes("node_modules/")) continue;
  const full = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
  const slash = full.startsWith("@") ? full.indexOf("/") : -1;
  const group = slash > 0 ? full.slice(0, slash) : undefined;
  const name = slash > 0 ? full.slice(slash + 1) : full;
  const purl = /^[a-z0-9._~-]+$/.test(name)
    ? `pkg:npm/${group ? `%40${group.slice(1)}/` : ""}${name}@${entry.version}`
    : new PackageURL("npm", group, name, entry.version).toString();
  const component = new Models.Component(Enums.ComponentType.Library, name, {
    bomRef: purl,
    version: entry.version,
    purl,
    scope: entry.dev ? Enums.ComponentScope.Excluded : Enums.ComponentScope.Required,
    ...(group ? { group } : {}),
  });
  if (typeof entry.integrity === "string" && entry.integrity.startsWith("sha512-")) {
    component.hashes.set(
      Enums.HashAlgorithm["SHA-512"],
      Buffer.from(entry.integrity.slice(7), "base64").toString("hex"),
    );
  }
  if (typeof entry.license === "string") component.licenses.add(new Models.LicenseExpression(entry.license));
  if (typeof entry.resolved === "string") {
    component.externalReferences.add(
      new Models.ExternalReference(entry.resolved, Enums.ExternalReferenceType.Distribution),
    );
  }
  component.properties.add(new Models.Property("cdx:npm:package:path", path));
  batch.push(normalizer.normalize(component, { sortLists: false }));
  if (batch.length === 32) flush();
}
flush();
closeSync(fd);
