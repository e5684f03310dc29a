/** The Tollgate version this action reports as the SARIF tool version (kept equal to package.json). */
export const version = "0.1.0";
