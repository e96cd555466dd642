import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { TaskState } from './task-state.js';

/** One row per task a service enqueued: what is to be done for which subject, and how far it got. */
@Entity({ name: 'tasks' })
export class Task {
  @PrimaryColumn({ name: 'task_id', type: 'uuid' })
  taskId!: string;

  /** The task message's type, e.g. `RenderShippingLabel`. */
  @Column({ type: 'varchar', length: 64 })
  kind!: string;

  /** What the task is about (an order id); tasks are looked up by kind and subject. */
  @Column({ name: 'subject_id', type: 'varchar', length: 255 })
  subjectId!: string;

  @Column({ type: 'varchar', length: 16 })
  state!: TaskState;

  /** Attempts started, by any worker, including redeliveries after a crash or a rebalance. */
  @Column({ type: 'int' })
  attempts!: number;

  /** The last attempt's error; once FAILED, the reason it gave up. */
  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** The worker that last started it (RUNNING) or finished it (DONE). */
  @Column({ name: 'worker_id', type: 'varchar', length: 255, nullable: true })
  workerId!: string | null;

  @Column({ name: 'queued_at', type: 'timestamptz' })
  queuedAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
