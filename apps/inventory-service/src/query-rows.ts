import type { EntityManager } from 'typeorm';

/**
 * Rows of a raw statement, whatever its kind: TypeORM's `manager.query` returns `[rows, count]` for UPDATE and
 * DELETE but plain rows otherwise, which is easy to get wrong with `... RETURNING`.
 */
export async function queryRows<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, params, true);
    return (result.records ?? []) as T[];
  } finally {
    if (!manager.queryRunner) await runner.release();
  }
}
