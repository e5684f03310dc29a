/** Options shared by both SBOM writers. */
export interface WriteSbomOptions {
  /** The document's creation time; use sbomTimestamp(env) for SOURCE_DATE_EPOCH support. */
  timestamp: Date;
  /** The version of Tollgate written as the tool that made the document. */
  toolVersion: string;
  /** Who is responsible for the SBOM data (NTIA "author"); defaults to `Tollgate`. */
  author?: string;
}

/** The name written as the tool in both formats. */
export const TOOL_NAME = "tollgate";
/** The component property a reader sets when it knows who supplies a package (NTIA "supplier"). */
export const SUPPLIER_PROPERTY = "tollgate:supplier";
