import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import pg from 'pg';
import { SERVICE_CONFIG } from '@edr/config';
import type { ProjectionConfig } from '../projection.config.js';

/**
 * One LISTEN connection per process for `view_changes` notifications (sent on commit by the table's trigger); feed
 * connections subscribe to it instead of each holding a database connection. A lost connection is reopened; the
 * feed also polls, so a notification missed meanwhile only delays a change.
 */
@Injectable()
export class ViewChangeListener implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ViewChangeListener');
  private readonly listeners = new Set<() => void>();
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ProjectionConfig) {}

  onModuleInit(): void {
    void this.connect();
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => undefined);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.config.database.url,
      application_name: `${this.config.serviceName}:feed`,
    });
    client.on('notification', () => this.listeners.forEach((listener) => listener()));
    client.on('error', (error) => {
      this.logger.warn(`LISTEN connection lost (${error.message}); reconnecting`);
      this.reconnect();
    });
    try {
      await client.connect();
      await client.query('LISTEN view_changes');
      this.client = client;
    } catch (error) {
      this.logger.warn(`cannot LISTEN for view changes (${(error as Error).message}); retrying`);
      await client.end().catch(() => undefined);
      this.reconnect();
    }
  }

  private reconnect(): void {
    if (this.closed || this.retry) return;
    this.client = null;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, 1_000);
  }
}
