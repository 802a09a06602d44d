/**
 * The errors the CLI reports the way az does: `ERROR: message` on stderr, then any recommendation lines,
 * and an exit code (1 for most failures, 3 when the thing asked for does not exist).
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1, readonly recommendation?: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** A Graph error answer ({ error: { code, message } }); az prints only the message. */
export class GraphError extends CliError {
  constructor(message: string, readonly status: number, readonly code: string | undefined) {
    super(message);
    this.name = 'GraphError';
  }
}

/** An OAuth error answer from the token service (AADSTS…); az prints error_description. */
export class StsError extends CliError {
  constructor(
    message: string,
    readonly error: string,
    readonly errorCodes: number[],
    recommendation?: string,
  ) {
    super(message, 1, recommendation);
    this.name = 'StsError';
  }

  withRecommendation(recommendation: string): StsError {
    return new StsError(this.message, this.error, this.errorCodes, recommendation);
  }
}
