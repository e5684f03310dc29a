import { Readable } from "node:stream";
import { extract } from "tar-stream";
import type { ByteSource } from "./byte-source.js";
import { isUnsafeMemberName, type WalkContext } from "./context.js";
import { describe, scanSource } from "./scan-source.js";

/**
 * Scans the members of a tar stream (plain tar, or the inside of .tar.gz /
 * .tgz / .tar.bz2 / .tar.xz, and container image layers) one at a time,
 * in memory. Links are reported by name and never followed.
 */
export async function scanTar(name: string, source: ByteSource, depth: number, ctx: WalkContext): Promise<void> {
  const tar = extract();
  const input = Readable.from(source, { objectMode: false });
  input.on("error", (error) => tar.destroy(error));
  input.pipe(tar);
  let members = 0;
  try {
    for await (const entry of tar) {
      const header = entry.header;
      const member = `${name}!${header.name}`;
      members++;
      if (members > ctx.limits.maxMembers) {
        ctx.report.unscanned({
          file: name,
          reason: "max-members",
          detail: `more than ${ctx.limits.maxMembers} members; the rest were not scanned`,
        });
        entry.resume();
        break;
      }
      if (isUnsafeMemberName(header.name)) {
        ctx.report.unscanned({
          file: member,
          reason: "unsafe-path",
          detail: "member name escapes the archive root; scanned in memory, never extracted",
        });
      }
      if (header.type === "symlink" || header.type === "link") {
        ctx.report.unscanned({
          file: member,
          reason: "symlink",
          detail: `${header.type} to ${header.linkname ?? "?"} not followed`,
        });
        entry.resume();
        continue;
      }
      if (header.type !== "file" && header.type !== "contiguous-file") {
        entry.resume();
        continue;
      }
      try {
        await scanSource(member, entry as unknown as ByteSource, depth, ctx);
      } catch (error) {
        ctx.report.unscanned({ file: member, reason: "corrupt", detail: `could not read member: ${describe(error)}` });
      }
      entry.resume();
    }
  } catch (error) {
    ctx.report.unscanned({ file: name, reason: "corrupt", detail: `broken tar archive: ${describe(error)}` });
  } finally {
    input.destroy();
    tar.destroy();
  }
}
