import { Injectable, Logger } from '@nestjs/common';
import { type ICommand, type IEvent, ofType, Saga } from '@nestjs/cqrs';
import type { Observable } from 'rxjs';
import { ApplyParticipantReplyCommand } from '../apply-participant-reply/apply-participant-reply.command.js';
import { OrderPlacedEvent } from '../domain/order-events.js';
import { HandleSagaDeadlineCommand } from '../handle-saga-deadline/handle-saga-deadline.command.js';
import { StartOrderSagaCommand } from '../start-order-saga/start-order-saga.command.js';
import { safeMap } from './safe-map.js';
import { SagaCompletions } from './saga-completions.js';
import { ParticipantReplied, SagaDeadlinePassed } from './saga-events.js';

/**
 * The order saga's event → command streams. Which command follows which reply is decided by OrderSagaMachine
 * inside the command, against the persisted state, so these streams stay stateless: a restart loses nothing.
 */
@Injectable()
export class OrderSaga {
  private readonly logger = new Logger(OrderSaga.name);

  constructor(private readonly completions: SagaCompletions) {}

  /** OrderPlaced → AuthorizePayment. */
  @Saga()
  orderPlaced = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(OrderPlacedEvent),
      safeMap(
        (event) => new StartOrderSagaCommand(event.payload.orderId),
        (event, error) =>
          this.logger.error(`cannot start the saga of ${event.payload?.orderId}: ${String(error)}`),
      ),
    );

  /** PaymentAuthorized → ReserveInventory, InventoryReserved → ScheduleShipment, a refusal → compensations, ... */
  @Saga()
  participantReplied = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(ParticipantReplied),
      safeMap(
        (event) => new ApplyParticipantReplyCommand(event),
        (event, error) => this.completions.fail(event.trackingId, error),
      ),
    );

  /** A step without a reply in time → retry it, or give up and compensate. */
  @Saga()
  deadlinePassed = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(SagaDeadlinePassed),
      safeMap(
        (event) => new HandleSagaDeadlineCommand(event),
        (event, error) => this.completions.fail(event.trackingId, error),
      ),
    );
}
