/** SQLSTATE 23505: the database refused a duplicate key. Used for optimistic concurrency and dedupe. */
export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  const driverError =
    (error as { driverError?: { code?: string; constraint?: string } })?.driverError ?? error;
  const { code, constraint: violated } = (driverError ?? {}) as { code?: string; constraint?: string };
  return code === '23505' && (constraint === undefined || violated === constraint);
};
