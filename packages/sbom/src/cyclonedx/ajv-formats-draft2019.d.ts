// The package ships no types; declared under its file path so it cannot clash with another package's declaration.
declare module "ajv-formats-draft2019/formats/idn-email.js" {
  /** The draft 2019-09 `idn-email` format: true when the value is an internationalized e-mail address. */
  function isIdnEmail(value: string): boolean;
  export default isIdnEmail;
}
