/** The review could not be made: a revision that does not synthesize, a plan file that is not a plan. Exit code 1. */
export class ReviewError extends Error {
  public readonly code = 'SENTINEL_CDK_REVIEW';

  constructor(message: string) {
    super(message);
    this.name = 'ReviewError';
  }
}
