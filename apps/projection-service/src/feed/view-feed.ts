import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface FeedEntry {
  readonly id: number;
  readonly view: string;
  readonly key: string;
  readonly kind: string;
  readonly eventId: string | null;
  readonly eventTime: string | null;
  readonly appliedAt: string;
  /** From the event's time to the change's commit, in milliseconds: the view's lag for this event. */
  readonly lagMs: number | null;
  readonly data: Record<string, unknown>;
}

interface Row {
  seq: string;
  view: string;
  key: string;
  kind: string;
  event_id: string | null;
  event_time: Date | null;
  applied_at: Date;
  data: Record<string, unknown>;
}

/** Reads of view_changes, in sequence order. */
@Injectable()
export class ViewFeed {
  constructor(private readonly dataSource: DataSource) {}

  async latestId(): Promise<number> {
    const [row]: { seq: string | null }[] = await this.dataSource.query(
      `SELECT max(seq) AS seq FROM view_changes`,
    );
    return Number(row?.seq ?? 0);
  }

  async after(id: number, views: readonly string[] | null, limit: number): Promise<FeedEntry[]> {
    const rows: Row[] = await this.dataSource.query(
      `SELECT seq, view, key, kind, event_id, event_time, applied_at, data FROM view_changes
       WHERE seq > $1 AND ($2::text[] IS NULL OR view = ANY($2)) ORDER BY seq LIMIT $3`,
      [id, views, limit],
    );
    return rows.map((row) => ({
      id: Number(row.seq),
      view: row.view,
      key: row.key,
      kind: row.kind,
      eventId: row.event_id,
      eventTime: row.event_time?.toISOString() ?? null,
      appliedAt: row.applied_at.toISOString(),
      lagMs: row.event_time ? row.applied_at.getTime() - row.event_time.getTime() : null,
      data: row.data,
    }));
  }
}
