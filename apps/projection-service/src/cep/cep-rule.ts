import type { MessageDefinition, PayloadOf } from '@edr/contracts';

/** The payload fields of `P` that hold text: what a rule can key, filter or de-duplicate on. */
export type TextField<P> = { [K in keyof P]-?: P[K] extends string ? K : never }[keyof P] & string;

/** One stored occurrence of an event, as a rule's evidence names it. */
export interface Occurrence {
  readonly eventId: string;
  readonly type: string;
  /** Event time: the envelope's occurredAt. */
  readonly occurredAt: Date;
  /** Occurrences with the same value count once (the earliest); null when the pattern has no `distinct`. */
  readonly distinctKey: string | null;
}

/** What a count rule found: `atLeast` occurrences of one key within the window, oldest first. */
export interface CountMatch {
  readonly rule: string;
  readonly key: string;
  readonly evidence: readonly Occurrence[];
  readonly windowMs: number;
  readonly firedAt: Date;
}

/** What an absence rule found: the start event, its deadline, and the expected event's time if it came late. */
export interface AbsenceMatch {
  readonly rule: string;
  readonly key: string;
  readonly startedAt: Date;
  readonly deadlineAt: Date;
  /** The expected event's time when it came after the deadline; null when none had come when the rule fired. */
  readonly expectedAt: Date | null;
  readonly firedAt: Date;
}

/**
 * `atLeast` events of type `event` with the same `key` whose event times lie within the window (the newest minus the
 * oldest at most `window.ms`), in whatever order they arrive. Events failing `where` are not recorded at all;
 * events with the same `distinct` value count once. Fires once per key, then holds (the key is flagged) until
 * `action.until` clears it; only events after the clear count towards the next firing.
 */
export interface CountPattern {
  readonly kind: 'count';
  readonly event: MessageDefinition;
  readonly key: string;
  readonly distinct: string | null;
  readonly where: { readonly field: string; readonly notIn: readonly string[] } | null;
  readonly atLeast: number;
}

/**
 * A `start` event opens a deadline at its event time plus the window; an `expect` event with the same `key` and an
 * event time up to the deadline closes it. If none has come when the wall clock passes the deadline, or one comes
 * whose event time is past it, the rule fires, once per key. The first start of a key counts; later ones are ignored.
 */
export interface AbsencePattern {
  readonly kind: 'absence';
  readonly start: MessageDefinition;
  readonly expect: MessageDefinition;
  readonly key: string;
}

interface RuleBase<P, M> {
  /** Unique; names the rule in its state, its events (`rule`), the feed and GET /cep/rules. */
  readonly name: string;
  readonly description: string;
  readonly pattern: P;
  readonly window: { readonly ms: number };
  readonly action: {
    readonly emit: MessageDefinition;
    /** The emitted event's aggregate id (and record key) and payload, from what the pattern found. */
    readonly payload: (match: M) => Record<string, unknown>;
  };
}

export interface CountRule extends RuleBase<CountPattern, CountMatch> {
  readonly action: RuleBase<CountPattern, CountMatch>['action'] & {
    /** The event that clears a key's flag (written by the operator's clear). */
    readonly until: MessageDefinition;
  };
}

export type AbsenceRule = RuleBase<AbsencePattern, AbsenceMatch>;

export type CepRule = CountRule | AbsenceRule;

/**
 * Declares a count rule, type-checked against its definitions: `key`, `distinct` and `where.field` must be text
 * fields of the event's payload, `where.notIn` values of that field, and `payload` must build the emitted event's.
 */
export function countRule<
  E extends MessageDefinition,
  A extends MessageDefinition,
  W extends TextField<PayloadOf<E>>,
>(rule: {
  name: string;
  description: string;
  pattern: {
    kind: 'count';
    event: E;
    key: TextField<PayloadOf<E>>;
    distinct?: TextField<PayloadOf<E>>;
    where?: { field: W; notIn: readonly PayloadOf<E>[W][] };
    atLeast: number;
  };
  window: { ms: number };
  action: { emit: A; until: MessageDefinition; payload: (match: CountMatch) => PayloadOf<A> };
}): CountRule {
  const { pattern } = rule;
  return {
    ...rule,
    pattern: {
      kind: 'count',
      event: pattern.event,
      key: pattern.key,
      distinct: pattern.distinct ?? null,
      where: pattern.where
        ? { field: pattern.where.field, notIn: pattern.where.notIn.map((value) => String(value)) }
        : null,
      atLeast: pattern.atLeast,
    },
    action: { ...rule.action, payload: (match) => rule.action.payload(match) as Record<string, unknown> },
  };
}

/** Declares an absence rule; `key` must be a text field of both the start and the expected event's payloads. */
export function absenceRule<
  S extends MessageDefinition,
  X extends MessageDefinition,
  A extends MessageDefinition,
>(rule: {
  name: string;
  description: string;
  pattern: {
    kind: 'absence';
    start: S;
    expect: X;
    key: TextField<PayloadOf<S>> & TextField<PayloadOf<X>>;
  };
  window: { ms: number };
  action: { emit: A; payload: (match: AbsenceMatch) => PayloadOf<A> };
}): AbsenceRule {
  return {
    ...rule,
    action: { ...rule.action, payload: (match) => rule.action.payload(match) as Record<string, unknown> },
  };
}

/** A payload's text field, by name (the rule's declaration made sure it is one). */
export const textField = (payload: unknown, field: string): string =>
  String((payload as Record<string, unknown>)[field]);

/** A rule as data, for GET /cep/rules: message definitions by type, functions left out. */
export function describeRule(rule: CepRule) {
  const pattern =
    rule.pattern.kind === 'count'
      ? { ...rule.pattern, event: rule.pattern.event.type }
      : { ...rule.pattern, start: rule.pattern.start.type, expect: rule.pattern.expect.type };
  const action =
    'until' in rule.action
      ? { emit: rule.action.emit.type, until: rule.action.until.type }
      : { emit: rule.action.emit.type };
  return { name: rule.name, description: rule.description, pattern, window: rule.window, action };
}
