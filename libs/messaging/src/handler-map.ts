import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import { type EventEnvelope, type MessageDefinition, type Validation, describeIssues } from '@edr/contracts';
import type { IncomingEvent, IncomingMessageOf } from './incoming-message.js';

/**
 * Applies one message. Everything written through `tx` (state, outbox rows) commits in one transaction with the
 * message's inbox row; a handler never opens a transaction of its own.
 */
export type MessageHandler<D extends MessageDefinition> = (
  message: IncomingMessageOf<D>,
  tx: EntityManager,
) => Promise<void>;

/** A handler bound to one message whose payload has been validated; run it inside the inbox transaction. */
export type BoundHandler = (tx: EntityManager) => Promise<void>;

interface Route {
  readonly definition: MessageDefinition;
  /** Validates the payload against the route's definition and binds the handler to the typed message. */
  readonly bind: (event: IncomingEvent) => Validation<BoundHandler>;
}

const routeKey = (type: string, schemaVersion: number) => `${type}@v${schemaVersion}`;

const ignored = async (): Promise<void> => undefined;

/**
 * A consumer's message types and what handles each, built once:
 * `HandlerMap.create().on(AuthorizePayment, (command, tx) => ...).on(RefundPayment, ...)`. Each handler receives
 * the payload typed by its definition (`PayloadOf<D>`), validated against that definition's schema. Messages are
 * routed by type and schema version, so two versions of one type can be handled side by side. Immutable: `on` and
 * `ignore` return a new map.
 */
export class HandlerMap {
  private constructor(private readonly routes: ReadonlyMap<string, Route>) {}

  static create(): HandlerMap {
    return new HandlerMap(new Map());
  }

  on<D extends MessageDefinition>(definition: D, handler: MessageHandler<D>): HandlerMap {
    return this.with({
      definition,
      bind: (event) => {
        // With D's schema as the type argument, the parsed payload is typed PayloadOf<D>.
        const payload = z.safeParse<D['payload']>(definition.payload, event.envelope.payload);
        if (!payload.success) {
          return {
            ok: false,
            error: `invalid ${definition.type} payload: ${describeIssues(payload.error.issues)}`,
          };
        }
        const message: IncomingMessageOf<D> = {
          ...event,
          envelope: { ...event.envelope, payload: payload.data },
          payload: payload.data,
        };
        return { ok: true, value: (tx) => handler(message, tx) };
      },
    });
  }

  /**
   * Types that arrive on the consumer's topics but concern it no more than to be acknowledged: still validated and
   * recorded in the inbox, then nothing. Anything neither handled nor ignored is dead-lettered as unprocessable.
   */
  ignore(...definitions: readonly MessageDefinition[]): HandlerMap {
    return definitions.reduce<HandlerMap>((map, definition) => map.on(definition, ignored), this);
  }

  /**
   * One map that routes every type any of `maps` routes. A type routed by several maps runs each of their handlers,
   * in the order of `maps`, in the one inbox transaction: several read models fed by one consumer group stay in step
   * with each other and with the inbox. A payload any of them refuses is refused (the first refusal is reported).
   */
  static all(...maps: readonly HandlerMap[]): HandlerMap {
    const keys = [...new Set(maps.flatMap((map) => [...map.routes.keys()]))];
    const routes = keys.map((key): [string, Route] => {
      const parts = maps.flatMap((map) => map.routes.get(key) ?? []);
      const route: Route = {
        definition: parts[0]!.definition,
        bind: (event) => {
          const bound: BoundHandler[] = [];
          for (const part of parts) {
            const one = part.bind(event);
            if (!one.ok) return one;
            bound.push(one.value);
          }
          return {
            ok: true,
            value: async (tx) => {
              for (const apply of bound) await apply(tx);
            },
          };
        },
      };
      return [key, route];
    });
    return new HandlerMap(new Map(routes));
  }

  /** The types this map routes, as `type@vN`. */
  types(): string[] {
    return [...this.routes.keys()];
  }

  /** The route for an envelope's type and schema version, or undefined when this consumer does not take it. */
  route(envelope: Pick<EventEnvelope, 'type' | 'schemaVersion'>): Route | undefined {
    return this.routes.get(routeKey(envelope.type, envelope.schemaVersion));
  }

  private with(route: Route): HandlerMap {
    const key = routeKey(route.definition.type, route.definition.schemaVersion);
    if (this.routes.has(key)) throw new Error(`${key} has two handlers in one HandlerMap`);
    return new HandlerMap(new Map([...this.routes, [key, route]]));
  }
}
