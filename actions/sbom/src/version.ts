/** The Tollgate version this action records as the SBOM tool (kept equal to package.json by a test). */
export const version = "0.1.0";
