import {
  Compensations,
  type Compensation,
  type RejectionReason,
  type SagaStep,
  SagaSteps,
} from '@edr/contracts';
import {
  type OrderEvent,
  OrderApprovedEvent,
  OrderCompensatedEvent,
  OrderLateReplyHandledEvent,
  OrderRejectedEvent,
  OrderRejectionStartedEvent,
} from '../domain/order-events.js';
import type { ParticipantReply } from './participant-reply.js';
import type { OrderSagaState, OrderSnapshot, SagaPhase, SagaSettings } from './order-saga.state.js';
import { type OutgoingCommand, compensationCommand, forwardCommand, participantOf } from './saga-commands.js';

/** The saga's decision for one input: its next state, the order events to record and the commands to send. */
export interface SagaDecision {
  readonly state: OrderSagaState;
  readonly orderEvents: readonly OrderEvent[];
  readonly commands: readonly OutgoingCommand[];
  /** One line for the log: what happened and why. */
  readonly note: string;
}

export interface SagaDeadline {
  readonly phase: SagaPhase;
  readonly step: SagaStep | null;
  readonly attempts: number;
}

export interface SagaContext {
  readonly order: OrderSnapshot;
  readonly now: Date;
  readonly settings: SagaSettings;
}

const unchanged = (state: OrderSagaState, note: string): SagaDecision => ({
  state,
  orderEvents: [],
  commands: [],
  note,
});

const after = (ms: number, now: Date) => new Date(now.getTime() + ms);

const nextStep = (step: SagaStep): SagaStep | null => SagaSteps[SagaSteps.indexOf(step) + 1] ?? null;

/**
 * Each attempt waits twice as long as the one before. A participant that is merely slow (a backlog after a restart)
 * then gets more time with every retry instead of a growing pile of retries, whose re-sent answers would only
 * lengthen its queue and the orchestrator's.
 */
export const stepWaitMs = (settings: SagaSettings, attempt: number): number =>
  settings.stepTimeoutMs * 2 ** (attempt - 1);

const totalWaitMs = (settings: SagaSettings, attempts: number): number =>
  Array.from({ length: attempts }, (_, i) => stepWaitMs(settings, i + 1)).reduce((a, b) => a + b, 0);

function sendStep(state: OrderSagaState, step: SagaStep, attempt: number, ctx: SagaContext, note: string) {
  return {
    state: {
      ...state,
      phase: 'RUNNING' as const,
      step,
      attempts: attempt,
      deadlineAt: after(stepWaitMs(ctx.settings, attempt), ctx.now),
      updatedAt: ctx.now,
    },
    orderEvents: [],
    commands: [forwardCommand(step, ctx.order, attempt)],
    note,
  } satisfies SagaDecision;
}

function finish(state: OrderSagaState, phase: 'APPROVED' | 'REJECTED', ctx: SagaContext): OrderSagaState {
  return {
    ...state,
    phase,
    step: null,
    attempts: 0,
    deadlineAt: null,
    updatedAt: ctx.now,
    finishedAt: ctx.now,
  };
}

/** Undo what was done (in reverse order), or reject at once when nothing was. */
function beginRejection(
  state: OrderSagaState,
  reason: RejectionReason,
  compensations: readonly Compensation[],
  ctx: SagaContext,
): SagaDecision {
  const { orderId } = ctx.order;
  if (compensations.length === 0) {
    return {
      state: { ...finish(state, 'REJECTED', ctx), rejection: reason },
      orderEvents: [new OrderRejectedEvent({ orderId, reason })],
      commands: [],
      note: `rejected: ${reason.step} ${reason.code}, nothing to compensate`,
    };
  }
  return {
    state: {
      ...state,
      phase: 'COMPENSATING',
      step: null,
      attempts: 1,
      deadlineAt: after(ctx.settings.compensationTimeoutMs, ctx.now),
      pendingCompensations: [...compensations],
      rejection: reason,
      updatedAt: ctx.now,
    },
    orderEvents: [new OrderRejectionStartedEvent({ orderId, reason, compensations: [...compensations] })],
    commands: compensations.map((c) => compensationCommand(c, ctx.order, 1)),
    note: `${reason.step} ${reason.code}: compensating ${compensations.join(', ')}`,
  };
}

const compensationsFor = (steps: readonly SagaStep[]): Compensation[] =>
  [...steps].reverse().map((step) => Compensations[step]);

/**
 * The order saga as a pure function of (state, input). Every rule about ordering, duplicates, deadlines and late
 * replies lives here and is unit-tested; OrderSagaRunner only loads, calls and persists, in one transaction.
 */
export const OrderSagaMachine = {
  /**
   * The saga's first decision, taken in the transaction that places the order: the saga row is created already
   * waiting for PAYMENT attempt 1, and AuthorizePayment is written to the outbox with the order's first event.
   */
  start(correlationId: string, ctx: SagaContext): SagaDecision {
    const placed: OrderSagaState = {
      orderId: ctx.order.orderId,
      correlationId,
      phase: 'RUNNING',
      step: null,
      attempts: 0,
      deadlineAt: null,
      completedSteps: [],
      pendingCompensations: [],
      doneCompensations: [],
      rejection: null,
      startedAt: ctx.now,
      updatedAt: ctx.now,
      finishedAt: null,
    };
    return sendStep(placed, 'PAYMENT', 1, ctx, 'started: AuthorizePayment sent');
  },

  reply(state: OrderSagaState, reply: ParticipantReply, ctx: SagaContext): SagaDecision {
    switch (reply.kind) {
      case 'succeeded':
        return stepSucceeded(state, reply, ctx);
      case 'failed':
        return stepFailed(state, reply, ctx);
      case 'compensated':
        return compensationConfirmed(state, reply, ctx);
    }
  },

  /** A deadline seen by the watcher. Stale sightings (the saga moved on since) change nothing. */
  deadlinePassed(state: OrderSagaState, seen: SagaDeadline, ctx: SagaContext): SagaDecision {
    const current =
      state.phase === seen.phase &&
      state.step === seen.step &&
      state.attempts === seen.attempts &&
      state.deadlineAt !== null &&
      state.deadlineAt.getTime() <= ctx.now.getTime();
    if (!current) return unchanged(state, 'deadline already handled');
    if (state.phase === 'RUNNING' && state.step) {
      const step = state.step;
      if (state.attempts < ctx.settings.maxStepAttempts) {
        return sendStep(
          state,
          step,
          state.attempts + 1,
          ctx,
          `${step}: no reply within ${stepWaitMs(ctx.settings, state.attempts)} ms, attempt ${state.attempts + 1}`,
        );
      }
      const reason: RejectionReason = {
        step,
        code: 'TIMEOUT',
        detail: `no reply from ${participantOf[step]} after ${state.attempts} attempt(s) over ${totalWaitMs(ctx.settings, state.attempts)} ms`,
      };
      // The timed-out step may have happened without us hearing of it, so it is compensated too (first).
      return beginRejection(
        state,
        reason,
        [Compensations[step], ...compensationsFor(state.completedSteps)],
        ctx,
      );
    }
    if (state.phase === 'COMPENSATING') {
      const round = state.attempts + 1;
      const wait = Math.min(
        ctx.settings.compensationTimeoutMs * 2 ** state.attempts,
        ctx.settings.maxCompensationBackoffMs,
      );
      return {
        state: { ...state, attempts: round, deadlineAt: after(wait, ctx.now), updatedAt: ctx.now },
        orderEvents: [],
        commands: state.pendingCompensations.map((c) => compensationCommand(c, ctx.order, round)),
        note: `compensations ${state.pendingCompensations.join(', ')} unconfirmed: round ${round}, next wait ${wait} ms`,
      };
    }
    return unchanged(state, `no deadline in phase ${state.phase}`);
  },
};

function stepSucceeded(
  state: OrderSagaState,
  reply: Extract<ParticipantReply, { kind: 'succeeded' }>,
  ctx: SagaContext,
): SagaDecision {
  const { step } = reply;
  if (state.phase === 'RUNNING' && state.step === step) {
    const completed = { ...state, completedSteps: [...state.completedSteps, step] };
    const next = nextStep(step);
    if (next) {
      const decision = sendStep(completed, next, 1, ctx, `${reply.replyType}: next ${next}`);
      return { ...decision, orderEvents: [reply.orderEvent] };
    }
    return {
      state: finish(completed, 'APPROVED', ctx),
      orderEvents: [reply.orderEvent, new OrderApprovedEvent({ orderId: ctx.order.orderId })],
      commands: [],
      note: `${reply.replyType}: approved`,
    };
  }
  if (state.completedSteps.includes(step)) return unchanged(state, `duplicate ${reply.replyType}`);
  // A success for a step the saga gave up on (timed out) or never finished before rejecting: whatever the
  // participant did must be undone. Compensations are idempotent, so sending one again is always safe. The saga
  // waits for the confirmation like for any compensation (retrying it on its deadline), even when the order is
  // already REJECTED: the order stays REJECTED, the saga goes back to COMPENSATING until the undo is confirmed.
  const compensation = Compensations[step];
  const late = new OrderLateReplyHandledEvent({
    orderId: ctx.order.orderId,
    step,
    replyType: reply.replyType,
    action: compensation,
  });
  const command = compensationCommand(compensation, ctx.order, 1);
  const note = `late ${reply.replyType} while ${state.phase}: ${compensation} sent`;
  if (state.phase === 'RUNNING') {
    // Cannot happen: participants only answer commands, and the saga sends a step's command only when it is
    // the current step. Undo it anyway, without waiting.
    return { state: { ...state, updatedAt: ctx.now }, orderEvents: [late], commands: [command], note };
  }
  const alreadyAwaited = state.phase === 'COMPENSATING' && state.pendingCompensations.includes(compensation);
  return {
    state: {
      ...state,
      phase: 'COMPENSATING',
      pendingCompensations: alreadyAwaited
        ? state.pendingCompensations
        : [...state.pendingCompensations, compensation],
      doneCompensations: state.doneCompensations.filter((c) => c !== compensation),
      attempts: state.phase === 'COMPENSATING' ? state.attempts : 1,
      deadlineAt:
        state.phase === 'COMPENSATING' && state.deadlineAt
          ? state.deadlineAt
          : after(ctx.settings.compensationTimeoutMs, ctx.now),
      updatedAt: ctx.now,
    },
    orderEvents: [late],
    commands: [command],
    note,
  };
}

function stepFailed(
  state: OrderSagaState,
  reply: Extract<ParticipantReply, { kind: 'failed' }>,
  ctx: SagaContext,
): SagaDecision {
  const { step } = reply;
  if (state.phase === 'RUNNING' && state.step === step) {
    return beginRejection(
      state,
      { step, code: reply.code, detail: reply.detail },
      compensationsFor(state.completedSteps),
      ctx,
    );
  }
  if (state.rejection?.step === step && state.rejection.code === reply.code) {
    return unchanged(state, `duplicate ${reply.replyType}`);
  }
  // A refusal for a step the saga already gave up on: nothing was done, so there is nothing to undo.
  return {
    state: { ...state, updatedAt: ctx.now },
    orderEvents: [
      new OrderLateReplyHandledEvent({
        orderId: ctx.order.orderId,
        step,
        replyType: reply.replyType,
        action: 'NONE',
      }),
    ],
    commands: [],
    note: `late ${reply.replyType} (${reply.code}) while ${state.phase}: nothing to undo`,
  };
}

function compensationConfirmed(
  state: OrderSagaState,
  reply: Extract<ParticipantReply, { kind: 'compensated' }>,
  ctx: SagaContext,
): SagaDecision {
  const { compensation } = reply;
  const { orderId } = ctx.order;
  if (state.phase === 'COMPENSATING' && state.pendingCompensations.includes(compensation)) {
    const pending = state.pendingCompensations.filter((c) => c !== compensation);
    const progressed = {
      ...state,
      pendingCompensations: pending,
      doneCompensations: [...state.doneCompensations, compensation],
      updatedAt: ctx.now,
    };
    const confirmed = new OrderCompensatedEvent({ orderId, compensation });
    if (pending.length > 0) {
      return {
        state: progressed,
        orderEvents: [confirmed],
        commands: [],
        note: `${compensation} confirmed; waiting for ${pending.join(', ')}`,
      };
    }
    const reason = state.rejection as RejectionReason;
    if (state.finishedAt) {
      // The order was already REJECTED; this closes the undo of a late success.
      return {
        state: { ...finish(progressed, 'REJECTED', ctx), finishedAt: state.finishedAt },
        orderEvents: [confirmed],
        commands: [],
        note: `${compensation} confirmed; the order stays rejected`,
      };
    }
    return {
      state: finish(progressed, 'REJECTED', ctx),
      orderEvents: [confirmed, new OrderRejectedEvent({ orderId, reason })],
      commands: [],
      note: `${compensation} confirmed; rejected (${reason.step} ${reason.code})`,
    };
  }
  if (
    !state.doneCompensations.includes(compensation) &&
    (state.phase === 'COMPENSATING' || state.phase === 'REJECTED')
  ) {
    // Confirms a compensation sent for a late reply after the order was already rejected.
    return {
      state: { ...state, doneCompensations: [...state.doneCompensations, compensation], updatedAt: ctx.now },
      orderEvents: [new OrderCompensatedEvent({ orderId, compensation })],
      commands: [],
      note: `${compensation} confirmed after rejection`,
    };
  }
  return unchanged(state, `duplicate ${reply.replyType}`);
}
