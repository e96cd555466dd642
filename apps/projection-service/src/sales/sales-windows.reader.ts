import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import type { ProjectionConfig } from '../projection.config.js';
import { isFinal, watermarkOf, windowEndOf } from './sales-window.js';
import type { SalesWindowsQuery } from './sales-windows.query.js';

interface WindowRow {
  sku: string;
  window_start: Date;
  units: string;
  revenue: string;
  orders: number;
  late_updates: number;
  too_late_count: number;
  too_late_units: string;
  too_late_revenue: string;
  first_event_at: Date;
  last_event_at: Date;
}

interface WatermarkRow {
  sku: string;
  topic: string;
  partition: number;
  max_event_time: Date;
}

/**
 * `GET /views/sales`: the windows, newest first (then by SKU), with the watermarks of their SKUs. A window is
 * `final` once every partition that has seen its SKU has its watermark at or past the window's end.
 */
@Injectable()
export class SalesWindowsReader {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: ProjectionConfig,
  ) {}

  async list(query: SalesWindowsQuery) {
    const lateness = this.config.sales.allowedLatenessMs;
    const rows: WindowRow[] = await this.dataSource.query(
      `SELECT * FROM sales_windows
       WHERE ($1::text IS NULL OR sku = $1)
         AND ($2::timestamptz IS NULL OR window_start >= $2)
         AND ($3::timestamptz IS NULL OR window_start < $3)
       ORDER BY window_start DESC, sku LIMIT $4`,
      [query.sku ?? null, query.from ?? null, query.to ?? null, query.limit + 1],
    );
    const page = rows.slice(0, query.limit);
    const skus = query.sku ? [query.sku] : [...new Set(page.map((r) => r.sku))];
    const marks: WatermarkRow[] = await this.dataSource.query(
      `SELECT sku, topic, partition, max_event_time FROM sales_watermarks WHERE sku = ANY($1)
       ORDER BY sku, topic, partition`,
      [skus],
    );
    const maxesBySku = new Map<string, Date[]>();
    for (const mark of marks) {
      maxesBySku.set(mark.sku, [...(maxesBySku.get(mark.sku) ?? []), mark.max_event_time]);
    }
    return {
      allowedLatenessMs: lateness,
      windows: page.map((row) => ({
        sku: row.sku,
        windowStart: row.window_start.toISOString(),
        windowEnd: windowEndOf(row.window_start).toISOString(),
        units: Number(row.units),
        revenue: Number(row.revenue),
        orders: row.orders,
        lateUpdates: row.late_updates,
        tooLate: {
          count: row.too_late_count,
          units: Number(row.too_late_units),
          revenue: Number(row.too_late_revenue),
        },
        firstEventAt: row.first_event_at.toISOString(),
        lastEventAt: row.last_event_at.toISOString(),
        final: isFinal(row.window_start, maxesBySku.get(row.sku) ?? [], lateness),
      })),
      watermarks: marks.map((mark) => ({
        sku: mark.sku,
        topic: mark.topic,
        partition: mark.partition,
        maxEventTime: mark.max_event_time.toISOString(),
        watermark: watermarkOf(mark.max_event_time, lateness).toISOString(),
      })),
      truncated: rows.length > query.limit,
    };
  }
}
