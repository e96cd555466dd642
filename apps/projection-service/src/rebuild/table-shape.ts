import type { EntityManager } from 'typeorm';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

interface IndexRow {
  index_name: string;
  index_def: string;
  constraint_name: string | null;
  constraint_def: string | null;
}

/**
 * Creates `to.<table>` as an empty copy of `from.<table>`: columns, defaults, identity and check constraints, and
 * every index and primary key or unique constraint under its own name, so that once swapped into `from` the table
 * is indistinguishable from one the migrations made (later migrations name indexes).
 */
export async function cloneTableShape(
  tx: EntityManager,
  table: string,
  from: string,
  to: string,
): Promise<void> {
  const source = `${ident(from)}.${ident(table)}`;
  const target = `${ident(to)}.${ident(table)}`;
  await tx.query(
    `CREATE TABLE ${target} (LIKE ${source} INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING CONSTRAINTS)`,
  );
  const indexes: IndexRow[] = await tx.query(
    `SELECT i.relname AS index_name, pg_get_indexdef(ix.indexrelid) AS index_def,
            c.conname AS constraint_name, pg_get_constraintdef(c.oid) AS constraint_def
     FROM pg_index ix
     JOIN pg_class i ON i.oid = ix.indexrelid
     LEFT JOIN pg_constraint c ON c.conindid = ix.indexrelid AND c.contype IN ('p', 'u')
     WHERE ix.indrelid = $1::regclass
     ORDER BY i.relname`,
    [`${ident(from)}.${ident(table)}`],
  );
  for (const index of indexes) {
    if (index.constraint_name && index.constraint_def) {
      await tx.query(
        `ALTER TABLE ${target} ADD CONSTRAINT ${ident(index.constraint_name)} ${index.constraint_def}`,
      );
    } else {
      // pg_get_indexdef names the table schema-qualified: point the same definition at the copy.
      const onSource = ` ON ${from}.${table} `;
      if (!index.index_def.includes(onSource)) {
        throw new Error(`cannot copy index ${index.index_name}: unexpected definition ${index.index_def}`);
      }
      await tx.query(index.index_def.replace(onSource, ` ON ${target} `));
    }
  }
}

/** Moves `table` from one schema to another, with its indexes, constraints and owned sequences. */
export async function moveTable(tx: EntityManager, table: string, from: string, to: string): Promise<void> {
  await tx.query(`ALTER TABLE ${ident(from)}.${ident(table)} SET SCHEMA ${ident(to)}`);
}

export interface TableDifference {
  readonly table: string;
  readonly liveRows: number;
  readonly rebuiltRows: number;
  /** Rows (with multiplicity) in the live table that the rebuilt one lacks, and the other way round. */
  readonly onlyLive: number;
  readonly onlyRebuilt: number;
  /** A few of each, as JSON, for a person to read. */
  readonly samples: { readonly onlyLive: unknown[]; readonly onlyRebuilt: unknown[] };
}

/** Compares two tables of the same shape row for row (every column, duplicates counted). */
export async function compareTables(
  tx: EntityManager,
  table: string,
  live: string,
  rebuilt: string,
): Promise<TableDifference> {
  const a = `${ident(live)}.${ident(table)}`;
  const b = `${ident(rebuilt)}.${ident(table)}`;
  const count = async (sql: string) => Number(((await tx.query(sql)) as { n: string }[])[0]!.n);
  const sample = async (left: string, right: string) =>
    (
      (await tx.query(
        `SELECT to_jsonb(d) AS row FROM (SELECT * FROM ${left} EXCEPT ALL SELECT * FROM ${right}) d LIMIT 5`,
      )) as { row: unknown }[]
    ).map((r) => r.row);
  const onlyLive = await count(
    `SELECT count(*) AS n FROM (SELECT * FROM ${a} EXCEPT ALL SELECT * FROM ${b}) d`,
  );
  const onlyRebuilt = await count(
    `SELECT count(*) AS n FROM (SELECT * FROM ${b} EXCEPT ALL SELECT * FROM ${a}) d`,
  );
  return {
    table,
    liveRows: await count(`SELECT count(*) AS n FROM ${a}`),
    rebuiltRows: await count(`SELECT count(*) AS n FROM ${b}`),
    onlyLive,
    onlyRebuilt,
    samples: {
      onlyLive: onlyLive > 0 ? await sample(a, b) : [],
      onlyRebuilt: onlyRebuilt > 0 ? await sample(b, a) : [],
    },
  };
}
