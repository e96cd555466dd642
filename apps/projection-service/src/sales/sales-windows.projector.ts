import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import { OrderApproved, OrderPlaced, Topics } from '@edr/contracts';
import { HandlerMap, type IncomingEvent } from '@edr/messaging';
import type { ProjectionConfig } from '../projection.config.js';
import type { Projector } from '../read-model/projector.js';
import { recordViewChange } from '../read-model/view-change.js';
import { type SaleOutcome, centsAsDecimal, classifySale, saleLinesOf } from './sales-window.js';

/** The feed's kind for each outcome of a sale. */
const feedKinds: Record<SaleOutcome, string> = {
  'on-time': 'updated',
  late: 'late-update',
  'too-late': 'too-late',
};

interface Approval {
  event_id: string;
  approved_at: Date;
}

interface UncountedLine {
  sku: string;
  units: number;
  revenue: string;
}

interface WindowRow {
  units: string;
  revenue: string;
  orders: number;
  late_updates: number;
  too_late_count: number;
  too_late_units: string;
  too_late_revenue: string;
}

/**
 * The sales view: units, revenue and orders per SKU in one-minute tumbling windows by event time. A sale is an
 * approved order: its event time is OrderApproved's `occurredAt`, its lines come from the order's OrderPlaced (same
 * topic and key, so normally first; if it comes later, as a redriven record would, the sale is counted then).
 *
 * Each sale is measured against the watermark of its (partition, SKU) stream: the latest event time that partition
 * has shown for the SKU, minus the allowed lateness (PROJECTION_SALES_ALLOWED_LATENESS_MS). Per partition, because a
 * partition's order is fixed in the log, so a rebuild replays the same classifications (a watermark over all
 * partitions would depend on how they happened to interleave); per SKU, so one busy SKU does not make another's
 * sales late. The cost: a SKU sold on several partitions has several watermarks, and one partition running ahead
 * does not close a window for the others.
 *
 * State lives only in this view's tables and is written in the record's inbox transaction: a restart resumes from
 * the committed offsets and the inbox drops what was already applied. Each order line is counted once (its
 * `outcome` is set when it is), so even a second approval with a new id cannot count it twice.
 */
@Injectable()
export class SalesWindowsProjector implements Projector {
  readonly view = 'sales';
  readonly version = 1;
  readonly tables = ['sales_order_lines', 'sales_approvals', 'sales_windows', 'sales_watermarks'];
  readonly topics = [Topics.orderEvents];

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ProjectionConfig) {}

  readonly handlers = HandlerMap.create()
    .on(OrderPlaced, async (event, tx) => {
      for (const line of saleLinesOf(event.payload.items)) {
        await tx.query(
          `INSERT INTO sales_order_lines (order_id, sku, units, revenue) VALUES ($1, $2, $3, $4)
           ON CONFLICT (order_id, sku) DO NOTHING`,
          [event.payload.orderId, line.sku, line.units, centsAsDecimal(line.cents)],
        );
      }
      const [approval]: Approval[] = await tx.query(
        `SELECT event_id, approved_at FROM sales_approvals WHERE order_id = $1`,
        [event.payload.orderId],
      );
      if (approval) await this.countSale(tx, event, event.payload.orderId, approval);
    })
    .on(OrderApproved, async (event, tx) => {
      // The first approval of an order is its sale; the event store writes only one.
      await tx.query(
        `INSERT INTO sales_approvals (order_id, event_id, approved_at) VALUES ($1, $2, $3)
         ON CONFLICT (order_id) DO NOTHING`,
        [event.payload.orderId, event.envelope.eventId, new Date(event.envelope.occurredAt)],
      );
      const [approval]: Approval[] = await tx.query(
        `SELECT event_id, approved_at FROM sales_approvals WHERE order_id = $1`,
        [event.payload.orderId],
      );
      await this.countSale(tx, event, event.payload.orderId, approval!);
    });

  /** Counts the order's lines not counted yet (none before its OrderPlaced has arrived), each in its window. */
  private async countSale(tx: EntityManager, event: IncomingEvent, orderId: string, approval: Approval) {
    const lines: UncountedLine[] = await tx.query(
      `SELECT sku, units, revenue FROM sales_order_lines WHERE order_id = $1 AND outcome IS NULL
       ORDER BY sku FOR UPDATE`,
      [orderId],
    );
    for (const line of lines) await this.countLine(tx, event, orderId, approval, line);
  }

  private async countLine(
    tx: EntityManager,
    event: IncomingEvent,
    orderId: string,
    approval: Approval,
    line: UncountedLine,
  ) {
    const stream = [line.sku, event.topic, event.partition];
    const [mark]: { max_event_time: Date }[] = await tx.query(
      `SELECT max_event_time FROM sales_watermarks WHERE sku = $1 AND topic = $2 AND partition = $3 FOR UPDATE`,
      stream,
    );
    const sale = classifySale(
      approval.approved_at,
      mark?.max_event_time ?? null,
      this.config.sales.allowedLatenessMs,
    );
    await tx.query(
      `INSERT INTO sales_watermarks (sku, topic, partition, max_event_time) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sku, topic, partition)
       DO UPDATE SET max_event_time = greatest(sales_watermarks.max_event_time, excluded.max_event_time)`,
      [...stream, sale.maxEventTime],
    );

    const counted = sale.outcome !== 'too-late';
    // Every figure is added, so the row is the same whatever order the partitions' sales were applied in.
    const [window]: WindowRow[] = await tx.query(
      `INSERT INTO sales_windows (sku, window_start, units, revenue, orders, late_updates, too_late_count,
         too_late_units, too_late_revenue, first_event_at, last_event_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
       ON CONFLICT (sku, window_start) DO UPDATE SET
         units = sales_windows.units + excluded.units,
         revenue = sales_windows.revenue + excluded.revenue,
         orders = sales_windows.orders + excluded.orders,
         late_updates = sales_windows.late_updates + excluded.late_updates,
         too_late_count = sales_windows.too_late_count + excluded.too_late_count,
         too_late_units = sales_windows.too_late_units + excluded.too_late_units,
         too_late_revenue = sales_windows.too_late_revenue + excluded.too_late_revenue,
         first_event_at = least(sales_windows.first_event_at, excluded.first_event_at),
         last_event_at = greatest(sales_windows.last_event_at, excluded.last_event_at)
       RETURNING units, revenue, orders, late_updates, too_late_count, too_late_units, too_late_revenue`,
      [
        line.sku,
        sale.windowStart,
        counted ? line.units : 0,
        counted ? line.revenue : '0',
        counted ? 1 : 0,
        sale.outcome === 'late' ? 1 : 0,
        counted ? 0 : 1,
        counted ? 0 : line.units,
        counted ? '0' : line.revenue,
        approval.approved_at,
      ],
    );
    await tx.query(
      `UPDATE sales_order_lines SET event_time = $3, window_start = $4, outcome = $5, source_partition = $6,
         watermark = $7
       WHERE order_id = $1 AND sku = $2`,
      [
        orderId,
        line.sku,
        approval.approved_at,
        sale.windowStart,
        sale.outcome,
        event.partition,
        sale.watermark,
      ],
    );

    await recordViewChange(tx, {
      view: this.view,
      key: `${line.sku}@${sale.windowStart.toISOString()}`,
      kind: feedKinds[sale.outcome],
      eventId: event.envelope.eventId,
      eventTime: approval.approved_at,
      data: {
        orderId,
        sku: line.sku,
        units: line.units,
        revenue: Number(line.revenue),
        windowStart: sale.windowStart.toISOString(),
        windowEnd: sale.windowEnd.toISOString(),
        partition: event.partition,
        watermark: sale.watermark?.toISOString() ?? null,
        window: {
          units: Number(window!.units),
          revenue: Number(window!.revenue),
          orders: window!.orders,
          lateUpdates: window!.late_updates,
          tooLate: {
            count: window!.too_late_count,
            units: Number(window!.too_late_units),
            revenue: Number(window!.too_late_revenue),
          },
        },
      },
    });
  }
}
