/** A failure reading a topic that the user can act on: what is wrong and how to fix it (`hint`). */
export class TopicReadError extends Error {
  override readonly name: string = 'TopicReadError';
  readonly hint: string | undefined;

  constructor(message: string, details: { hint?: string; cause?: unknown } = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.hint = details.hint;
  }
}
