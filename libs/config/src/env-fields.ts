import { z } from 'zod';

/** Reusable, documented field parsers for environment variables (all env values arrive as strings). */
export const envFields = {
  port: (fallback: number) =>
    z.coerce
      .number({ message: 'must be a TCP port number such as 3001' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535')
      .default(fallback),

  postgresUrl: (fallback: string) =>
    z
      .string()
      .regex(/^postgres(ql)?:\/\/[^/]+\/[^/?]+/, 'must look like postgres://user:password@host:5432/database')
      .default(fallback),

  kafkaBrokers: (fallback = 'localhost:9092') =>
    z
      .string()
      .default(fallback)
      .transform((value) => value.split(',').map((b) => b.trim()))
      .pipe(
        z
          .array(z.string().regex(/^[^:\s]+:\d{1,5}$/, 'each broker must be host:port, e.g. localhost:9092'))
          .min(1),
      ),

  logLevel: () =>
    z
      .enum(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'], {
        message: 'must be one of fatal, error, warn, log, debug, verbose',
      })
      .default('log'),

  /** A whole number of `what` within [min, max]; the message names the unit and an example value. */
  wholeNumber: (what: string, example: number, min: number, max: number) =>
    z.coerce
      .number({ message: `must be a whole number of ${what} such as ${example}` })
      .int('must be a whole number')
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`),

  durationMs: (fallback: number) =>
    z.coerce.number({ message: 'must be a number of milliseconds' }).int().positive().default(fallback),
};
