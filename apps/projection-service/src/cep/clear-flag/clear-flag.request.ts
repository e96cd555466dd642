import { z } from 'zod';

/** A refusal that quotes what was sent and says what would be accepted. */
const quoting = (expected: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined ? `required: ${expected}` : `${JSON.stringify(issue.input)} is not ${expected}`,
});

/** The body of `POST /customers/{id}/clear-flag`. */
export const clearFlagRequestSchema = z.strictObject(
  {
    clearedBy: z
      .string(quoting('the operator clearing the flag (text), e.g. "ops:ada"'))
      .trim()
      .min(1, 'must not be empty: the operator clearing the flag, e.g. "ops:ada"')
      .max(100, 'must be at most 100 characters'),
    note: z
      .string(quoting('a note on why the flag is cleared (text, at most 500 characters)'))
      .trim()
      .max(500, 'must be at most 500 characters')
      .optional(),
  },
  quoting('an object { clearedBy, note? }'),
);

export type ClearFlagRequest = z.infer<typeof clearFlagRequestSchema>;
