import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ScheduleShipment, ScheduleShipmentPayload } from '@edr/contracts';
import { FaultInjector } from '@edr/fault-injection';
import type { IncomingMessageOf } from '@edr/messaging';
import { enqueueLabel, isScheduled } from '../label/label-task.js';
import { reply } from '../reply.js';
import { insertShipmentIfAbsent, lockShipment } from '../shipment-rows.js';
import { decideSchedule } from './decision.js';
import { type ScheduleOutcome, recordedOutcome } from './recorded-outcome.js';

/**
 * Books the order's shipment with SimPost once; every later ScheduleShipment for the order gets the same answer. A
 * booking enqueues its label task in the same transaction.
 */
@Injectable()
export class ScheduleShipmentHandler {
  private readonly logger = new Logger(ScheduleShipmentHandler.name);

  constructor(private readonly faults: FaultInjector) {}

  async handle(command: IncomingMessageOf<typeof ScheduleShipment>, tx: EntityManager): Promise<void> {
    const outcome = await this.outcome(command, tx);
    await reply(tx, command, outcome.definition, outcome.payload);
  }

  private async outcome(
    message: IncomingMessageOf<typeof ScheduleShipment>,
    tx: EntityManager,
  ): Promise<ScheduleOutcome> {
    const command: ScheduleShipmentPayload = message.payload;
    const existing = await lockShipment(tx, command.orderId);
    if (existing) {
      this.logger.log(
        `order ${command.orderId}: ScheduleShipment attempt ${command.attempt} finds ${existing.status}; re-sending the recorded outcome`,
      );
      return recordedOutcome(existing);
    }
    const row = decideSchedule({
      command,
      shipmentId: randomUUID(),
      decline: () => this.faults.shouldDecline(),
    });
    if (await insertShipmentIfAbsent(tx, row)) {
      if (isScheduled(row)) await enqueueLabel(tx, row, message);
      this.logger.log(
        `order ${command.orderId}: ${row.status}${row.failureCode ? ` (${row.failureCode})` : ''}`,
      );
      return recordedOutcome(row);
    }
    // Another delivery for this order (or a cancel) committed first; its row is the answer, not our decision.
    const winner = await lockShipment(tx, command.orderId);
    if (winner === null) {
      throw new Error(`order ${command.orderId}: shipments row vanished after an insert conflict`);
    }
    return recordedOutcome(winner);
  }
}
