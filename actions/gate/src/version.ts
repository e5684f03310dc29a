/** The version of Tollgate this action belongs to, recorded in the gate record. */
export const version = "0.1.0";
