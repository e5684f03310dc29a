/**
 * A minimal TUF repository on 127.0.0.1 whose only target is a trusted_root.json, so tools that insist on
 * fetching the trusted root over TUF (the `sigstore` npm package's verify) can verify offline against the
 * loopback stack. One ECDSA key signs every role; metadata expires in a day.
 */
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import { createServer } from "node:http";
import { Key, Metadata, MetaFile, Root, Signature, Snapshot, TargetFile, Targets, Timestamp } from "@tufjs/models";

export interface TufRepo {
  url: string;
  /** The initial root.json (trust anchor) to hand to the client. */
  rootJson: string;
  close(): Promise<void>;
}

const sha256 = (data: string | Buffer): string => createHash("sha256").update(data).digest("hex");

/** Serves a signed TUF repository whose targets hold `trusted_root.json`. */
export async function startTufRepo(trustedRoot: unknown): Promise<TufRepo> {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const keyMeta = {
    keyType: "ecdsa-sha2-nistp256",
    scheme: "ecdsa-sha2-nistp256",
    keyVal: { public: publicKey.export({ format: "pem", type: "spki" }).toString() },
  };
  const key = new Key({ keyID: sha256(JSON.stringify(keyMeta)), ...keyMeta });
  const signer = (data: Buffer): Signature =>
    new Signature({ keyID: key.keyID, sig: sign("sha256", data, privateKey).toString("hex") });
  const expires = new Date(Date.now() + 86_400_000).toISOString();
  const target = JSON.stringify(trustedRoot);

  const targets = new Metadata(new Targets({ version: 1, specVersion: "1.0.0", expires }));
  targets.signed.addTarget(
    new TargetFile({
      path: "trusted_root.json",
      length: Buffer.byteLength(target),
      hashes: { sha256: sha256(target) },
    }),
  );
  targets.sign(signer);
  const targetsJson = JSON.stringify(targets.toJSON());
  const snapshot = new Metadata(
    new Snapshot({ version: 1, specVersion: "1.0.0", expires, meta: { "targets.json": new MetaFile({ version: 1 }) } }),
  );
  snapshot.sign(signer);
  const snapshotJson = JSON.stringify(snapshot.toJSON());
  const timestamp = new Metadata(
    new Timestamp({
      version: 1,
      specVersion: "1.0.0",
      expires,
      snapshotMeta: new MetaFile({
        version: 1,
        length: Buffer.byteLength(snapshotJson),
        hashes: { sha256: sha256(snapshotJson) },
      }),
    }),
  );
  timestamp.sign(signer);
  const root = new Metadata(new Root({ version: 1, specVersion: "1.0.0", expires, consistentSnapshot: false }));
  for (const role of ["root", "snapshot", "targets", "timestamp"]) root.signed.addKey(key, role);
  root.sign(signer);
  const rootJson = JSON.stringify(root.toJSON());

  const files = new Map<string, string>([
    ["/1.root.json", rootJson],
    ["/timestamp.json", JSON.stringify(timestamp.toJSON())],
    ["/snapshot.json", snapshotJson],
    ["/targets.json", targetsJson],
    ["/targets/trusted_root.json", target],
  ]);
  const server = createServer((req, res) => {
    const body = files.get(new URL(req.url ?? "/", "http://127.0.0.1").pathname);
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    rootJson,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
