import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { OrderSagaState, SagaPhase } from './order-saga.state.js';

interface SagaRow {
  order_id: string;
  correlation_id: string;
  phase: SagaPhase;
  step: OrderSagaState['step'];
  attempts: number;
  deadline_at: Date | null;
  completed_steps: OrderSagaState['completedSteps'];
  pending_compensations: OrderSagaState['pendingCompensations'];
  done_compensations: OrderSagaState['doneCompensations'];
  rejection: OrderSagaState['rejection'];
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

const fromRow = (row: SagaRow): OrderSagaState => ({
  orderId: row.order_id,
  correlationId: row.correlation_id,
  phase: row.phase,
  step: row.step,
  attempts: row.attempts,
  deadlineAt: row.deadline_at,
  completedSteps: row.completed_steps,
  pendingCompensations: row.pending_compensations,
  doneCompensations: row.done_compensations,
  rejection: row.rejection,
  startedAt: row.started_at,
  updatedAt: row.updated_at,
  finishedAt: row.finished_at,
});

const columns = (s: OrderSagaState) => [
  s.orderId,
  s.correlationId,
  s.phase,
  s.step,
  s.attempts,
  s.deadlineAt,
  JSON.stringify(s.completedSteps),
  JSON.stringify(s.pendingCompensations),
  JSON.stringify(s.doneCompensations),
  s.rejection ? JSON.stringify(s.rejection) : null,
  s.startedAt,
  s.updatedAt,
  s.finishedAt,
];

export interface DueSaga {
  readonly orderId: string;
  readonly phase: SagaPhase;
  readonly step: OrderSagaState['step'];
  readonly attempts: number;
}

/** order_sagas: one row per order, read with a row lock so one order's saga inputs are applied one at a time. */
@Injectable()
export class OrderSagaRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, state: OrderSagaState): Promise<void> {
    await manager.query(
      `INSERT INTO order_sagas (order_id, correlation_id, phase, step, attempts, deadline_at, completed_steps,
         pending_compensations, done_compensations, rejection, started_at, updated_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
      columns(state),
    );
  }

  /** Locks the row until the caller's transaction ends. */
  async lock(manager: EntityManager, orderId: string): Promise<OrderSagaState | null> {
    const rows: SagaRow[] = await manager.query(`SELECT * FROM order_sagas WHERE order_id = $1 FOR UPDATE`, [
      orderId,
    ]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async update(manager: EntityManager, state: OrderSagaState): Promise<void> {
    await manager.query(
      `UPDATE order_sagas SET correlation_id = $2, phase = $3, step = $4, attempts = $5, deadline_at = $6,
         completed_steps = $7, pending_compensations = $8, done_compensations = $9, rejection = $10,
         started_at = $11, updated_at = $12, finished_at = $13
       WHERE order_id = $1`,
      columns(state),
    );
  }

  async find(
    orderId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrderSagaState | null> {
    const rows: SagaRow[] = await manager.query(`SELECT * FROM order_sagas WHERE order_id = $1`, [orderId]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  /*
   * An unfinished saga is exactly one with a deadline (a CHECK on order_sagas), so the queries below read only the
   * partial index order_sagas_deadline_idx: their cost grows with the sagas in flight, never with all orders.
   */

  /** Sagas accepted and not finished (RUNNING or COMPENSATING): the backlog admission control limits. */
  async countInFlight(): Promise<number> {
    const rows: Array<{ in_flight: number }> = await this.dataSource.query(
      `SELECT count(*)::int AS in_flight FROM order_sagas WHERE deadline_at IS NOT NULL`,
    );
    return rows[0]?.in_flight ?? 0;
  }

  /** The earliest pending deadline, or null when no saga is in flight. */
  async nextDeadline(): Promise<Date | null> {
    const rows: Array<{ next: Date | null }> = await this.dataSource.query(
      `SELECT min(deadline_at) AS next FROM order_sagas WHERE deadline_at IS NOT NULL`,
    );
    return rows[0]?.next ?? null;
  }

  /** Sagas whose deadline has passed, oldest first. */
  async due(now: Date, limit: number): Promise<DueSaga[]> {
    const rows: Pick<SagaRow, 'order_id' | 'phase' | 'step' | 'attempts'>[] = await this.dataSource.query(
      `SELECT order_id, phase, step, attempts FROM order_sagas
       WHERE deadline_at IS NOT NULL AND deadline_at <= $1 ORDER BY deadline_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => ({ orderId: r.order_id, phase: r.phase, step: r.step, attempts: r.attempts }));
  }
}
