import * as core from "@actions/core";
import { formatError, isTollgateError } from "@tollgate/errors";

/**
 * The one place an action turns an error into a failed step. `main` resolves to
 * true when its gate passed; false fails the step with `failureMessage`.
 */
export async function runAction(main: () => Promise<boolean>, failureMessage = "the gate failed"): Promise<void> {
  try {
    const passed = await main();
    if (!passed) core.setFailed(failureMessage);
  } catch (error) {
    if (isTollgateError(error) && error.location) {
      const props: core.AnnotationProperties = { file: error.location.file };
      if (error.location.line !== undefined) props.startLine = error.location.line;
      core.error(error.message, props);
    }
    core.setFailed(formatError(error));
  }
}
