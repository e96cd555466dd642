import { Inject, Injectable, Logger } from '@nestjs/common';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { DataSource, type QueryRunner } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import { processBatchOnce } from '@edr/inbox';
import {
  KAFKA_ADMIN,
  type RawRecord,
  type ReadyMessage,
  inboxRecordOf,
  prepareMessage,
} from '@edr/messaging';
import type { ProjectionConfig } from '../projection.config.js';
import type { Projector } from '../read-model/projector.js';
import { recordViewChange } from '../read-model/view-change.js';
import { LogReplay, type PartitionTarget } from './log-replay.js';
import { type TableDifference, cloneTableShape, compareTables, moveTable } from './table-shape.js';

export type RebuildMode = 'rebuild' | 'verify';
export type RebuildPhase =
  'preparing' | 'replaying' | 'catching-up' | 'swapping' | 'comparing' | 'done' | 'failed';

export interface RebuildProgress {
  phase: RebuildPhase;
  /** Records replayed so far, and the log end (records) the replay started towards. */
  replayed: number;
  target: number;
  applied: number;
  duplicates: number;
  /** Records the live projection dead-lettered or ignores (not valid for this view): skipped here too. */
  skipped: number;
}

export interface RebuildReport {
  readonly view: string;
  readonly mode: RebuildMode;
  readonly replayed: number;
  readonly applied: number;
  readonly duplicates: number;
  readonly skipped: number;
  readonly rows: Readonly<Record<string, number>>;
  readonly millis: {
    readonly total: number;
    readonly replay: number;
    readonly catchUp: number;
    readonly locked: number;
  };
  /** Records per second during the replay from offset 0 to the log end. */
  readonly eventsPerSecond: number;
  /** verify: per table, what differs between the live view and the rebuilt one. */
  readonly differences?: readonly TableDifference[];
  readonly equal?: boolean;
}

/** Records applied per transaction while replaying; larger than the live consumer's: nobody waits on these rows. */
const CHUNK = 500;
/** How long the live projection may take to reach the replay's position, and the replay the live one's. */
const CATCH_UP_MS = 60_000;

/**
 * The scratch schema a view is rebuilt in, and the schema its old tables are moved to at the swap. Schema names are
 * shared by every service in the system database, so they carry the live schema's name (the service's role).
 */
export const scratchSchema = (live: string, view: string) => `${live}_rebuild_${view}`;
const retiredSchema = (live: string, view: string) => `${live}_retired_${view}`;

/**
 * Rebuilds a view from the log beside the live one, and swaps it in or compares it with it.
 *
 * 1. Empty copies of the view's tables, and of `inbox` and `view_changes`, are made in a scratch schema.
 * 2. The view's topics are replayed from offset 0 to the log end (LogReplay) through the view's own handlers and the
 *    same inbox dedupe as live, on a connection whose search_path is only the scratch schema: the handlers' SQL
 *    writes the copies, and a handler that touched another table would fail instead of changing a live one.
 * 3. In one transaction, `LOCK TABLE inbox IN SHARE MODE` waits for the live consumer's transaction in flight and
 *    holds back the next (readers are not blocked). The live position is then exact: the inbox's highest offsets,
 *    or the group's committed ones. The replay catches up to exactly that position (if it is ahead, the lock is
 *    released and the live side is given time to catch up first).
 * 4. rebuild: the live tables move to a retired schema and the copies into the live schema (the service's own, first
 *    in its role's search_path), and the feed records the swap;
 *    commit. Readers block on the tables for the moment of the swap and then read the new ones (Postgres looks the
 *    name up again after waiting for a lock): never an empty or half-built view. verify: both are compared row for
 *    row and nothing changes.
 * 5. The scratch and retired schemas are dropped. On any failure only they are dropped; the live view is untouched.
 */
@Injectable()
export class ViewRebuilder {
  private readonly logger = new Logger('ViewRebuilder');
  private readonly kafka: Kafka;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(SERVICE_CONFIG) private readonly config: ProjectionConfig,
  ) {
    this.kafka = new Kafka({
      clientId: `${config.kafka.clientId}.rebuild`,
      brokers: [...config.kafka.brokers],
      ...(config.kafka.sasl ? { sasl: config.kafka.sasl } : {}),
      logLevel: logLevel.WARN,
    });
  }

  async run(projector: Projector, mode: RebuildMode, progress: RebuildProgress): Promise<RebuildReport> {
    const started = performance.now();
    const live = await this.liveSchema();
    const scratch = scratchSchema(live, projector.view);
    const retired = retiredSchema(live, projector.view);
    const scratchTables = [...projector.tables, 'inbox', 'view_changes'];
    progress.phase = 'preparing';
    await this.dropSchemas(scratch, retired);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`CREATE SCHEMA ${scratch}`);
      for (const table of scratchTables) await cloneTableShape(tx, table, live, scratch);
    });
    const scratchSource = new DataSource({
      type: 'postgres',
      url: this.config.database.url,
      applicationName: `${this.config.serviceName}:rebuild`,
      extra: { max: 2, options: `-c search_path=${scratch}` },
    });
    await scratchSource.initialize();
    const replay = new LogReplay(this.kafka, this.admin, projector.topics, (records) =>
      this.apply(records, projector, scratchSource, progress),
    );
    try {
      progress.phase = 'replaying';
      const ends = await replay.logEnds();
      progress.target = ends.reduce((n, t) => n + t.end - replay.position(t.topic, t.partition), 0);
      const replayStarted = performance.now();
      await replay.start(ends);
      await replay.reach(ends, 24 * 3_600_000, () => (progress.replayed = replay.replayed));
      progress.replayed = replay.replayed;
      const replayMs = performance.now() - replayStarted;

      progress.phase = 'catching-up';
      const catchUpStarted = performance.now();
      const { locked, rows, differences } = await this.underLiveLock(projector, replay, async (runner) => {
        const counted: Record<string, number> = {};
        for (const table of projector.tables) {
          const [row] = (await runner.query(`SELECT count(*) AS n FROM ${scratch}.${table}`)) as {
            n: string;
          }[];
          counted[table] = Number(row!.n);
        }
        if (mode === 'verify') {
          progress.phase = 'comparing';
          const found: TableDifference[] = [];
          for (const table of projector.tables)
            found.push(await compareTables(runner.manager, table, live, scratch));
          return { rows: counted, differences: found };
        }
        progress.phase = 'swapping';
        await runner.query(`CREATE SCHEMA ${retired}`);
        for (const table of projector.tables) {
          await moveTable(runner.manager, table, live, retired);
          await moveTable(runner.manager, table, scratch, live);
        }
        await recordViewChange(runner.manager, {
          view: projector.view,
          key: projector.view,
          kind: 'rebuilt',
          data: { replayed: replay.replayed, rows: counted },
        });
        return { rows: counted, differences: undefined };
      });
      progress.phase = 'done';
      const total = performance.now() - started;
      const report: RebuildReport = {
        view: projector.view,
        mode,
        replayed: replay.replayed,
        applied: progress.applied,
        duplicates: progress.duplicates,
        skipped: progress.skipped,
        rows,
        millis: {
          total: Math.round(total),
          replay: Math.round(replayMs),
          catchUp: Math.round(performance.now() - catchUpStarted),
          locked: Math.round(locked),
        },
        eventsPerSecond: Math.round((progress.target / Math.max(replayMs, 1)) * 1000),
        ...(differences
          ? { differences, equal: differences.every((d) => d.onlyLive === 0 && d.onlyRebuilt === 0) }
          : {}),
      };
      this.logger.log(
        `${mode} ${projector.view}: ${report.replayed} records replayed in ${report.millis.replay} ms (${report.eventsPerSecond}/s), live held for ${report.millis.locked} ms${report.equal === undefined ? '' : report.equal ? ', equal' : ', DIFFERENT'}`,
      );
      return report;
    } catch (error) {
      progress.phase = 'failed';
      throw error;
    } finally {
      await replay.close();
      await scratchSource.destroy().catch(() => undefined);
      await this.dropSchemas(scratch, retired).catch((error: unknown) =>
        this.logger.warn(
          `could not drop the scratch schemas of ${projector.view}: ${(error as Error).message}`,
        ),
      );
    }
  }

  /** Applies replayed records to the scratch copies: same validation, routing and inbox dedupe as live, no DLQ. */
  private async apply(
    records: readonly RawRecord[],
    projector: Projector,
    scratch: DataSource,
    progress: RebuildProgress,
  ): Promise<void> {
    for (let start = 0; start < records.length; start += CHUNK) {
      const prepared = records
        .slice(start, start + CHUNK)
        .map((r) => prepareMessage(r, projector.handlers, 'rebuild'));
      const ready = prepared.filter((p): p is ReadyMessage => p.ok);
      progress.skipped += prepared.length - ready.length;
      const outcomes = await processBatchOnce(
        scratch,
        ready.map((message) => ({ ...inboxRecordOf(message), message })),
        (tx, { message }) => message.apply(tx),
      );
      for (const outcome of outcomes) {
        if (outcome === 'processed') progress.applied += 1;
        else progress.duplicates += 1;
      }
    }
  }

  /**
   * Runs `work` in a transaction that holds the live consumer back, after the replay has reached exactly the live
   * position. Returns how long the live side was held.
   */
  private async underLiveLock<T>(
    projector: Projector,
    replay: LogReplay,
    work: (runner: QueryRunner) => Promise<T>,
  ): Promise<T & { locked: number }> {
    const deadline = Date.now() + CATCH_UP_MS;
    for (;;) {
      const runner = this.dataSource.createQueryRunner();
      await runner.connect();
      let committed = false;
      try {
        await runner.startTransaction();
        await runner.query(`SET LOCAL lock_timeout = '10s'`);
        await runner.query(`LOCK TABLE inbox IN SHARE MODE`);
        const lockedAt = performance.now();
        const live = await this.livePosition(runner, projector.topics);
        const ahead = live.filter((t) => replay.position(t.topic, t.partition) > t.end);
        if (ahead.length === 0) {
          replay.extendTo(live);
          await replay.reach(live, CATCH_UP_MS);
          const result = await work(runner);
          await runner.commitTransaction();
          committed = true;
          return { ...result, locked: performance.now() - lockedAt };
        }
        if (Date.now() > deadline) {
          throw new Error(
            `the live projection stayed behind the replay for ${CATCH_UP_MS} ms (${ahead.map((t) => `${t.topic}[${t.partition}] live ${t.end}, replay ${replay.position(t.topic, t.partition)}`).join(', ')}): is it consuming?`,
          );
        }
      } finally {
        if (!committed && runner.isTransactionActive)
          await runner.rollbackTransaction().catch(() => undefined);
        await runner.release();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /**
   * The next offset the live projection would apply, per partition of `topics`: past the highest offset in its
   * inbox (every record applied or acknowledged) and at least its group's committed offset (records skipped as
   * duplicates or dead-lettered leave no inbox row).
   */
  private async livePosition(runner: QueryRunner, topics: readonly string[]): Promise<PartitionTarget[]> {
    const applied: { topic: string; partition: number; offset: string }[] = await runner.query(
      `SELECT topic, partition, max("offset") AS offset FROM inbox WHERE topic = ANY($1) GROUP BY topic, partition`,
      [topics],
    );
    const committed = await this.admin.fetchOffsets({
      groupId: this.config.serviceName,
      topics: [...topics],
    });
    const targets: PartitionTarget[] = [];
    for (const topic of topics) {
      for (const { partition } of await this.admin.fetchTopicOffsets(topic)) {
        const inInbox = applied.find((a) => a.topic === topic && a.partition === partition);
        const commit = committed
          .find((c) => c.topic === topic)
          ?.partitions.find((p) => p.partition === partition);
        targets.push({
          topic,
          partition,
          end: Math.max(inInbox ? Number(inInbox.offset) + 1 : 0, Number(commit?.offset ?? -1)),
        });
      }
    }
    return targets;
  }

  /** The schema the live views are in: the first of the role's search_path (its own, named after the role). */
  private async liveSchema(): Promise<string> {
    const [row] = (await this.dataSource.query('SELECT current_schema() AS schema')) as { schema: string }[];
    return row!.schema;
  }

  private async dropSchemas(...schemas: string[]): Promise<void> {
    for (const schema of schemas) await this.dataSource.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}
