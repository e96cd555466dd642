import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AggregateTypes, type EventEnvelope, MessageHeaders } from '@edr/contracts';
import type { DeadlineAnnouncer } from '@edr/deadlines';
import { HandlerMap, type IncomingMessage, type MessageOrigin, causedBy } from '@edr/messaging';
import { buildMessage, writeToOutbox } from '@edr/outbox';
import { recordViewChange } from '../read-model/view-change.js';
import { deadlineOf, decideAbsence } from './absence-decision.js';
import type { AbsenceRule, CepRule, CountRule, Occurrence } from './cep-rule.js';
import { textField } from './cep-rule.js';
import {
  type Timer,
  earliestOccurrence,
  keyState,
  lockKey,
  lockTimer,
  logFiring,
  markFlagged,
  noteExpected,
  occurrencesAfter,
  openTimer,
  recordOccurrence,
  resolveTimer,
  tryLockKey,
} from './cep-store.js';
import { findCountMatch } from './count-window.js';

/** The feed's name for CEP entries (GET /views/stream): kinds `fired` and `cleared`. */
export const CepFeed = 'cep';

/** An event a rule takes, its payload validated against the rule's definition (the declaration typed its fields). */
type RuleEvent = IncomingMessage<unknown>;

const occurrenceOf = (event: RuleEvent, distinctKey: string | null): Occurrence => ({
  eventId: event.envelope.eventId,
  type: event.envelope.type,
  occurredAt: new Date(event.envelope.occurredAt),
  distinctKey,
});

/**
 * Interprets the declared rules (cep-rules.ts): `handlers` applies each event to every rule that takes it, in the
 * live consumer's inbox transaction; `fireDue` is the timer watcher's part. Every firing writes the rule's event to
 * the outbox, the log of firings and the feed in the transaction that changes the rule's state.
 */
export class CepEngine {
  private readonly logger = new Logger('CepEngine');
  readonly handlers: HandlerMap;

  constructor(
    readonly rules: readonly CepRule[],
    private readonly producer: string,
    private readonly timers: DeadlineAnnouncer,
  ) {
    const names = new Set<string>();
    for (const rule of rules) {
      if (names.has(rule.name)) throw new Error(`two CEP rules are named ${rule.name}`);
      names.add(rule.name);
    }
    this.handlers = HandlerMap.all(...rules.map((rule) => this.handlersOf(rule)));
  }

  /** The topics the rules read. */
  get topics(): string[] {
    return [
      ...new Set(
        this.rules.flatMap((rule) =>
          rule.pattern.kind === 'count'
            ? [rule.pattern.event.topic]
            : [rule.pattern.start.topic, rule.pattern.expect.topic],
        ),
      ),
    ];
  }

  rule(name: string): CepRule | undefined {
    return this.rules.find((rule) => rule.name === name);
  }

  private handlersOf(rule: CepRule): HandlerMap {
    if (rule.pattern.kind === 'count') {
      const count = rule as CountRule;
      return HandlerMap.create().on(count.pattern.event, (event, tx) => this.onCounted(count, event, tx));
    }
    const absence = rule as AbsenceRule;
    return HandlerMap.create()
      .on(absence.pattern.start, (event, tx) => this.onStart(absence, event, tx))
      .on(absence.pattern.expect, (event, tx) => this.onExpected(absence, event, tx));
  }

  /** count: record the occurrence; unless the key is flagged, fire if enough lie within the window. */
  private async onCounted(rule: CountRule, event: RuleEvent, tx: EntityManager): Promise<void> {
    const { pattern } = rule;
    const payload = event.payload;
    if (pattern.where && pattern.where.notIn.includes(textField(payload, pattern.where.field))) return;
    const key = textField(payload, pattern.key);
    const occurrence = occurrenceOf(event, pattern.distinct ? textField(payload, pattern.distinct) : null);
    await lockKey(tx, rule.name, key);
    if (!(await recordOccurrence(tx, rule.name, key, occurrence))) return;
    const state = await keyState(tx, rule.name, key);
    // Flagged: recorded, but the rule has said it already; it speaks again only after a clear.
    if (state.flaggedSince) return;
    const counted = await occurrencesAfter(tx, rule.name, key, pattern.event.type, state.clearedAt);
    const evidence = findCountMatch(counted, pattern.atLeast, rule.window.ms);
    if (!evidence) return;
    const firedAt = new Date();
    const payloadOut = rule.action.payload({
      rule: rule.name,
      key,
      evidence,
      windowMs: rule.window.ms,
      firedAt,
    });
    const fired = await this.fire(tx, rule, key, payloadOut, event, occurrence.occurredAt, firedAt);
    if (fired) await markFlagged(tx, rule.name, key, fired.eventId, firedAt);
  }

  /** absence, start event: open the key's timer, or decide at once if the expected event came first. */
  private async onStart(rule: AbsenceRule, event: RuleEvent, tx: EntityManager): Promise<void> {
    const key = textField(event.payload, rule.pattern.key);
    const startedAt = new Date(event.envelope.occurredAt);
    const dueAt = deadlineOf(startedAt, rule.window.ms);
    await lockKey(tx, rule.name, key);
    const timer: Timer = {
      rule: rule.name,
      key,
      status: 'PENDING',
      startEventId: event.envelope.eventId,
      startedAt,
      dueAt,
      correlationId: event.envelope.correlationId,
      traceparent: event.headers[MessageHeaders.traceparent] ?? null,
    };
    if (!(await openTimer(tx, timer))) return;
    const expected = await earliestOccurrence(tx, rule.name, key, rule.pattern.expect.type);
    if (expected) await noteExpected(tx, rule.name, key, expected);
    const decision = decideAbsence(dueAt, expected?.occurredAt ?? null);
    if (decision.kind === 'satisfied') await resolveTimer(tx, timer, 'SATISFIED', null);
    else if (decision.kind === 'fire') await this.fireAbsence(tx, rule, timer, decision.expectedAt, event);
    // A hint to the watcher, given before this transaction commits: if it looks before then and misses the
    // timer, its backstop finds it (a deadline this close means the event arrived late anyway).
    else this.timers.announce(dueAt);
  }

  /** absence, expected event: close the key's pending timer, or fire at once if it came after the deadline. */
  private async onExpected(rule: AbsenceRule, event: RuleEvent, tx: EntityManager): Promise<void> {
    const key = textField(event.payload, rule.pattern.key);
    const occurrence = occurrenceOf(event, null);
    await lockKey(tx, rule.name, key);
    if (!(await recordOccurrence(tx, rule.name, key, occurrence))) return;
    await noteExpected(tx, rule.name, key, occurrence);
    // No timer yet: the start comes later and finds this occurrence. Resolved: decided already.
    const timer = await lockTimer(tx, rule.name, key);
    if (timer?.status !== 'PENDING') return;
    const decision = decideAbsence(timer.dueAt, occurrence.occurredAt);
    if (decision.kind === 'satisfied') await resolveTimer(tx, timer, 'SATISFIED', null);
    else if (decision.kind === 'fire') await this.fireAbsence(tx, rule, timer, decision.expectedAt, event);
  }

  /**
   * The watcher's part: fires the key's timer if it is still pending and due at `now`. Skips a key another
   * transaction holds (a consumer deciding it right now): the watcher looks again shortly, as it stays due.
   */
  async fireDue(tx: EntityManager, ref: Pick<Timer, 'rule' | 'key'>, now: Date): Promise<void> {
    const rule = this.rule(ref.rule);
    if (rule?.pattern.kind !== 'absence') return;
    if (!(await tryLockKey(tx, ref.rule, ref.key))) return;
    const timer = await lockTimer(tx, ref.rule, ref.key);
    if (timer?.status !== 'PENDING' || timer.dueAt > now) return;
    // No message caused it: it belongs to the start event, whose correlation and trace it carries on.
    const origin: MessageOrigin = {
      envelope: { eventId: timer.startEventId, correlationId: timer.correlationId },
      headers: timer.traceparent ? { [MessageHeaders.traceparent]: timer.traceparent } : {},
    };
    await this.fireAbsence(tx, rule as AbsenceRule, timer, null, origin);
  }

  /** The names of the rules with timers, for the watcher's queries (a removed rule's timers are left alone). */
  get timedRules(): string[] {
    return this.rules.filter((rule) => rule.pattern.kind === 'absence').map((rule) => rule.name);
  }

  private async fireAbsence(
    tx: EntityManager,
    rule: AbsenceRule,
    timer: Timer,
    expectedAt: Date | null,
    cause: MessageOrigin & { envelope: Partial<Pick<EventEnvelope, 'occurredAt'>> },
  ): Promise<void> {
    const firedAt = new Date();
    const payload = rule.action.payload({
      rule: rule.name,
      key: timer.key,
      startedAt: timer.startedAt,
      deadlineAt: timer.dueAt,
      expectedAt,
      firedAt,
    });
    const eventTime = cause.envelope.occurredAt ? new Date(cause.envelope.occurredAt) : timer.dueAt;
    const fired = await this.fire(tx, rule, timer.key, payload, cause, eventTime, firedAt);
    await resolveTimer(tx, timer, 'FIRED', fired?.eventId ?? null);
  }

  /**
   * Writes the rule's event (outbox), its firing (cep_firings) and a feed entry, in the caller's transaction. A
   * payload its definition refuses (a key the emitted event cannot carry) is logged and not written: the source
   * event is still applied to the views.
   */
  private async fire(
    tx: EntityManager,
    rule: CepRule,
    key: string,
    payload: Record<string, unknown>,
    cause: MessageOrigin,
    eventTime: Date,
    firedAt: Date,
  ): Promise<{ eventId: string } | null> {
    const definition = rule.action.emit;
    const valid = definition.payload.safeParse(payload);
    if (!valid.success) {
      this.logger.warn(
        `rule ${rule.name} for ${key}: ${definition.type} not emitted (${valid.error.message})`,
      );
      return null;
    }
    const message = buildMessage(definition, {
      aggregateType: AggregateTypes.projection,
      aggregateId: key,
      ...causedBy(cause),
      payload,
      occurredAt: firedAt,
    });
    await writeToOutbox(tx, [message as EventEnvelope], {
      producer: this.producer,
      traceparent: cause.headers[MessageHeaders.traceparent] ?? null,
    });
    await logFiring(tx, {
      eventId: message.eventId,
      rule: rule.name,
      key,
      type: definition.type,
      firedAt,
      causeEventId: cause.envelope.eventId,
      payload,
    });
    await recordViewChange(tx, {
      view: CepFeed,
      key,
      kind: 'fired',
      eventId: cause.envelope.eventId,
      eventTime,
      data: { rule: rule.name, emitted: definition.type, emittedEventId: message.eventId, payload },
    });
    return { eventId: message.eventId };
  }
}
