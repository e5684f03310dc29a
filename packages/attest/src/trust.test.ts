import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { verifierFromFile, verifierFromTrustedRoot, verifierFromTuf } from "./trust.js";

async function file(content: string): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), "tollgate-trust-")), "trusted_root.json");
  await writeFile(path, content);
  return path;
}

describe("trusted roots", () => {
  it("names a trusted-root file that is not JSON", async () => {
    const path = await file("not json");
    await expect(verifierFromFile(path)).rejects.toMatchObject({
      code: "ATTEST_BAD_TRUSTED_ROOT",
      message: `${path} is not JSON`,
    });
  });

  it("refuses a root without a certificate authority", () => {
    expect(() =>
      verifierFromTrustedRoot({ mediaType: "application/vnd.dev.sigstore.trustedroot+json;version=0.1" }, "root.json"),
    ).toThrow("root.json lists no certificate authority");
  });

  it("names a missing file", async () => {
    await expect(verifierFromFile("/nonexistent/trusted_root.json")).rejects.toMatchObject({
      code: "ATTEST_BAD_TRUSTED_ROOT",
      location: { file: "/nonexistent/trusted_root.json" },
    });
  });

  it("checks the TUF mirror host against the allow-list before fetching", async () => {
    await expect(verifierFromTuf({ mirrorURL: "https://tuf.example", isAllowed: () => false })).rejects.toThrow(
      "TUF mirror host tuf.example is not on the network allow-list",
    );
  });
});
