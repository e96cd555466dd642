import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import { AggregateTypes, CustomerFlagCleared, type CustomerFlagClearedPayload } from '@edr/contracts';
import { CorrelationContext } from '@edr/messaging';
import { buildMessage, writeToOutbox } from '@edr/outbox';
import type { ProjectionConfig } from '../../projection.config.js';
import { recordViewChange } from '../../read-model/view-change.js';
import { CepFeed } from '../cep-engine.js';
import { CepReactor } from '../cep.reactor.js';
import { keyState, lockKey, markCleared } from '../cep-store.js';
import type { ClearFlagRequest } from './clear-flag.request.js';
import { takeFeedLock } from '../../read-model/view-change.js';

export interface ClearFlagResult {
  /** The CustomerFlagCleared written to the outbox. */
  readonly eventId: string;
  readonly customerId: string;
  /** The rules whose flag was cleared. */
  readonly rules: readonly string[];
  readonly clearedBy: string;
  readonly note: string | null;
  readonly clearedAt: string;
}

/**
 * An operator clears a customer's flag: in one transaction, every count rule that flags customers (its action is
 * ended by CustomerFlagCleared) forgets the flag and the occurrences so far, and CustomerFlagCleared goes to the
 * outbox, for payment-service to stop holding the customer's payments. Null when the customer is not flagged.
 */
@Injectable()
export class ClearFlagHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reactor: CepReactor,
    @Inject(SERVICE_CONFIG) private readonly config: ProjectionConfig,
  ) {}

  async execute(customerId: string, request: ClearFlagRequest): Promise<ClearFlagResult | null> {
    const rules = this.reactor.engine.rules
      .filter((rule) => 'until' in rule.action && rule.action.until === CustomerFlagCleared)
      .map((rule) => rule.name);
    const correlation = CorrelationContext.current();
    return this.dataSource.transaction(async (tx) => {
      await takeFeedLock(tx);
      const flagged: Array<{ rule: string; flagEventId: string | null }> = [];
      for (const rule of rules) {
        await lockKey(tx, rule, customerId);
        const state = await keyState(tx, rule, customerId);
        if (state.flaggedSince) flagged.push({ rule, flagEventId: state.flagEventId });
      }
      if (flagged.length === 0) return null;
      const clearedAt = new Date();
      const payload: CustomerFlagClearedPayload = {
        customerId,
        clearedBy: request.clearedBy,
        note: request.note ?? null,
        clearedAt: clearedAt.toISOString(),
      };
      const message = buildMessage(CustomerFlagCleared, {
        aggregateType: AggregateTypes.projection,
        aggregateId: customerId,
        correlationId: correlation?.correlationId ?? randomUUID(),
        // The clear answers the flag.
        causationId: flagged[0]!.flagEventId,
        payload,
        occurredAt: clearedAt,
      });
      await writeToOutbox(tx, [message], {
        producer: this.config.serviceName,
        traceparent: correlation?.traceparent ?? null,
      });
      for (const { rule } of flagged) {
        await markCleared(tx, rule, customerId, { ...payload, clearEventId: message.eventId, at: clearedAt });
      }
      await recordViewChange(tx, {
        view: CepFeed,
        key: customerId,
        kind: 'cleared',
        eventTime: clearedAt,
        data: {
          rules: flagged.map((f) => f.rule),
          emitted: CustomerFlagCleared.type,
          emittedEventId: message.eventId,
          payload,
        },
      });
      return {
        eventId: message.eventId,
        customerId,
        rules: flagged.map((f) => f.rule),
        clearedBy: payload.clearedBy,
        note: payload.note,
        clearedAt: payload.clearedAt,
      };
    });
  }
}
