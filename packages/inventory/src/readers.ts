import type { LockfileReader } from "./reader.js";
import { cargoLockReader } from "./readers/cargo/cargo-lock-reader.js";
import { goModReader } from "./readers/go/go-mod-reader.js";
import { gradleLockfileReader } from "./readers/gradle/gradle-lockfile-reader.js";
import { npmReader } from "./readers/npm/npm-reader.js";
import { nugetLockReader } from "./readers/nuget/nuget-lock-reader.js";
import { composerLockReader } from "./readers/php/composer-lock-reader.js";
import { pnpmReader } from "./readers/pnpm/pnpm-reader.js";
import { pipfileLockReader } from "./readers/python/pipfile-lock-reader.js";
import { poetryLockReader } from "./readers/python/poetry-lock-reader.js";
import { requirementsReader } from "./readers/python/requirements-reader.js";
import { uvLockReader } from "./readers/python/uv-lock-reader.js";
import { gemfileLockReader } from "./readers/ruby/gemfile-lock-reader.js";
import { yarnBerryReader } from "./readers/yarn/berry-reader.js";
import { yarnClassicReader } from "./readers/yarn/classic-reader.js";

/**
 * Every lockfile reader, one per format. Add one line per reader; the order only
 * matters for formats sharing a file name (the first whose `matches` accepts wins).
 */
export const defaultReaders: LockfileReader[] = [
  nugetLockReader,
  gradleLockfileReader,
  composerLockReader,
  gemfileLockReader,
  requirementsReader,
  pipfileLockReader,
  uvLockReader,
  poetryLockReader,
  goModReader,
  cargoLockReader,
  npmReader,
  pnpmReader,
  yarnBerryReader,
  yarnClassicReader,
];
