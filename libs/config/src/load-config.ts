import type { z } from 'zod';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Parses the environment once at boot. Every problem is reported at once, naming the variable, the value it had and
 * what would be accepted, so a misconfigured deployment fails before it opens a port or a connection.
 */
export function loadConfig<TSchema extends z.ZodType>(
  schema: TSchema,
  env: Readonly<Record<string, string | undefined>>,
): z.infer<TSchema> {
  // An empty variable counts as unset, so `VAR=` (or compose's `${VAR:-}`) falls back to the default.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(set);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '(environment)');
    const value = env[name];
    const shown = value === undefined ? 'is not set' : `is "${value}"`;
    return `  - ${name} ${shown}: ${issue.message}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
