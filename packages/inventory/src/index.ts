export type { DiscoverOptions, FoundFile } from "./discover.js";
export { discover, SKIPPED_DIRECTORIES } from "./discover.js";
export type { InventoryErrorCode } from "./errors.js";
export { InventoryError } from "./errors.js";
export type { ComponentInput } from "./graph-builder.js";
export { GraphBuilder } from "./graph-builder.js";
export type {
  Component,
  ComponentRole,
  DependencyGraph,
  Ecosystem,
  Edge,
  EdgeKind,
  Hash,
  HashAlgorithm,
  Location,
  LockfileFormat,
  LockfileRef,
  RootComponent,
  Scope,
  Source,
  SourceType,
  Warning,
} from "./model.js";
export { ECOSYSTEMS } from "./model.js";
export { ecosystemOfPurlType, makePurl, purlType, splitName } from "./purl.js";
export type { ReadInventoryOptions } from "./read-inventory.js";
export { omitScopes, readInventory, readText } from "./read-inventory.js";
export type { LockfileInput, LockfileReader, ReadOutcome } from "./reader.js";
export { defaultReaders } from "./readers.js";
