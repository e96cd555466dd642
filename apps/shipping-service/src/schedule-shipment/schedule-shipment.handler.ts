import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ScheduleShipmentPayload } from '@edr/contracts';
import { FaultInjector } from '@edr/fault-injection';
import type { IncomingEvent } from '@edr/messaging';
import { insertShipmentIfAbsent, lockShipment } from '../shipment-rows.js';
import { type ShippingReply, writeReply } from '../shipping-reply.js';
import { recordedOutcome } from './recorded-outcome.js';
import { decideSchedule } from './schedule-decision.js';

/** Books the order's shipment with SimPost once; every later ScheduleShipment for the order gets the same answer. */
@Injectable()
export class ScheduleShipmentHandler {
  private readonly logger = new Logger(ScheduleShipmentHandler.name);

  constructor(private readonly faults: FaultInjector) {}

  async handle(command: IncomingEvent, manager: EntityManager): Promise<void> {
    const payload = command.envelope.payload as ScheduleShipmentPayload;
    await writeReply(manager, command, await this.outcome(payload, manager));
  }

  private async outcome(command: ScheduleShipmentPayload, manager: EntityManager): Promise<ShippingReply> {
    const existing = await lockShipment(manager, command.orderId);
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
    if (await insertShipmentIfAbsent(manager, row)) {
      this.logger.log(
        `order ${command.orderId}: ${row.status}${row.failureCode ? ` (${row.failureCode})` : ''}`,
      );
      return recordedOutcome(row);
    }
    // Another delivery for this order (or a cancel) committed first; its row is the answer, not our decision.
    const winner = await lockShipment(manager, command.orderId);
    if (winner === null) {
      throw new Error(`order ${command.orderId}: shipments row vanished after an insert conflict`);
    }
    return recordedOutcome(winner);
  }
}
