import type { HandlerMap } from '@edr/messaging';

/** The read models projection-service keeps, by the name the query API, the feed and `npm run projections` use. */
export const ViewNames = ['orders', 'customers', 'sales'] as const;
export type ViewName = (typeof ViewNames)[number];

/** What the feed (GET /views/stream) carries changes of: the views, and the CEP rules' firings and clears. */
export const FeedNames = [...ViewNames, 'cep'] as const;

/**
 * A read model: the tables it owns, the topics it is fed by, and what each event does to it. A view can be thrown
 * away and rebuilt from the log (rebuild/view-rebuilder.ts), so its handlers must keep to these rules:
 *
 * - write only the view's own `tables` (and the feed, through recordViewChange), with plain SQL on unqualified table
 *   names: a rebuild runs the same handlers with `search_path` set to a scratch schema holding empty copies;
 * - read only the view's own tables: another view may be older or newer than this one;
 * - converge whatever order the topics interleave in: one key's events on one topic arrive in order, but the same
 *   order's events on two topics do not (upsert per source, take the latest event time with greatest(), sort on read);
 * - never publish (no outbox): replaying a view must not say anything twice. Live-only effects are Reactors.
 */
export interface Projector {
  readonly view: ViewName;
  /**
   * The shape of the view's rows: raised whenever a change to its tables or handlers means rows already projected
   * are wrong or missing. At boot a view whose recorded version differs is rebuilt from the log (view-versions.ts).
   */
  readonly version: number;
  /** Every table of the view, rebuilt and swapped together. */
  readonly tables: readonly string[];
  readonly topics: readonly string[];
  readonly handlers: HandlerMap;
}

/**
 * Live-only processing fed by the same consumer group as the views, in the same transaction: enrichment and the CEP
 * rules, which publish through the outbox and are not rebuilt.
 */
export interface Reactor {
  readonly name: string;
  readonly topics: readonly string[];
  readonly handlers: HandlerMap;
}

export const PROJECTORS = Symbol.for('edr.projection.projectors');
export const REACTORS = Symbol.for('edr.projection.reactors');
