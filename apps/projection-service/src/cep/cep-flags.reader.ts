import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

interface FlagRow {
  rule: string;
  key: string;
  flagged_since: Date | null;
  flag_event_id: string | null;
  cleared_at: Date | null;
  cleared_by: string | null;
  clear_note: string | null;
  clear_event_id: string | null;
  payload: Record<string, unknown> | null;
}

const iso = (date: Date | null) => date?.toISOString() ?? null;

const flagOf = (row: FlagRow) => ({
  rule: row.rule,
  customerId: row.key,
  flaggedSince: iso(row.flagged_since),
  flagEventId: row.flag_event_id,
  evidence: (row.payload?.['evidence'] as unknown[] | undefined) ?? [],
});

const SELECT = `
  SELECT s.rule, s.key, s.flagged_since, s.flag_event_id, s.cleared_at, s.cleared_by, s.clear_note, s.clear_event_id,
         f.payload
    FROM cep_key_state s LEFT JOIN cep_firings f ON f.event_id = s.flag_event_id`;

/** The count rules' flags as operators see them (GET /cep/flags). */
@Injectable()
export class CepFlagsReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Every key flagged now, longest flagged first. */
  async flagged() {
    const rows: FlagRow[] = await this.dataSource.query(
      `${SELECT} WHERE s.flagged_since IS NOT NULL ORDER BY s.flagged_since, s.rule, s.key`,
    );
    return rows.map(flagOf);
  }

  /** One customer: flagged by which rules, with the evidence, and the last clear of each. */
  async ofCustomer(customerId: string) {
    const rows: FlagRow[] = await this.dataSource.query(`${SELECT} WHERE s.key = $1 ORDER BY s.rule`, [
      customerId,
    ]);
    return {
      customerId,
      flagged: rows.some((row) => row.flagged_since !== null),
      rules: rows.map((row) => ({
        ...flagOf(row),
        lastClear: row.cleared_at
          ? {
              clearedAt: iso(row.cleared_at),
              clearedBy: row.cleared_by,
              note: row.clear_note,
              eventId: row.clear_event_id,
            }
          : null,
      })),
    };
  }
}
