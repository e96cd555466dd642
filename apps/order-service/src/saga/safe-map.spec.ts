import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import {
  CommandHandler,
  CqrsModule,
  EventBus,
  type ICommand,
  type ICommandHandler,
  type IEvent,
  ofType,
  Saga,
  UnhandledExceptionBus,
  type UnhandledExceptionInfo,
} from '@nestjs/cqrs';
import { Test, type TestingModule } from '@nestjs/testing';
import { type Observable, Subject, from, lastValueFrom, map, toArray } from 'rxjs';
import { safeMap } from './safe-map.js';

describe('safeMap (rxjs)', () => {
  test('a throwing project for one value does not stop later values; onError gets that value', async () => {
    const onError = jest.fn<(value: number, error: unknown) => void>();
    const failure = new Error('cannot map 2');
    const out = await lastValueFrom(
      from([1, 2, 3, 4]).pipe(
        safeMap((n: number) => {
          if (n === 2) throw failure;
          return n * 10;
        }, onError),
        toArray(),
      ),
    );
    expect(out).toEqual([10, 30, 40]);
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(2, failure);
  });

  test('keeps the order of values and the stream open on a hot source, across several failures', () => {
    const source = new Subject<string>();
    const seen: string[] = [];
    const failed: string[] = [];
    let completed = false;
    const subscription = source
      .pipe(
        safeMap(
          (s: string) => {
            if (s.startsWith('bad')) throw new Error(s);
            return s.toUpperCase();
          },
          (s, error) => failed.push(`${s}:${(error as Error).message}`),
        ),
      )
      .subscribe({ next: (v) => seen.push(v), complete: () => (completed = true) });

    source.next('a');
    source.next('bad-1');
    source.next('b');
    source.next('bad-2');
    source.next('c');
    expect(seen).toEqual(['A', 'B', 'C']);
    expect(failed).toEqual(['bad-1:bad-1', 'bad-2:bad-2']);
    expect(subscription.closed).toBe(false);
    source.complete();
    expect(completed).toBe(true);
  });

  test('a non-Error throw is handed to onError as is', async () => {
    const onError = jest.fn<(value: string, error: unknown) => void>();
    const out = await lastValueFrom(
      from(['x', 'y']).pipe(
        safeMap((s: string) => {
          if (s === 'x') throw 'plain string';
          return s;
        }, onError),
        toArray(),
      ),
    );
    expect(out).toEqual(['y']);
    expect(onError).toHaveBeenCalledWith('x', 'plain string');
  });

  test('without safeMap a throwing map ends the stream: later values are lost', () => {
    const source = new Subject<number>();
    const seen: number[] = [];
    const errors: unknown[] = [];
    source
      .pipe(
        map((n: number) => {
          if (n === 2) throw new Error('cannot map 2');
          return n;
        }),
      )
      .subscribe({ next: (v) => seen.push(v), error: (e: unknown) => errors.push(e) });
    source.next(1);
    source.next(2);
    source.next(3);
    expect(seen).toEqual([1]);
    expect(errors).toHaveLength(1);
  });

  test('errors of the source itself are not swallowed (only the project is guarded)', async () => {
    const source = new Subject<number>();
    const onError = jest.fn<(value: number, error: unknown) => void>();
    const result = lastValueFrom(
      source.pipe(
        safeMap((n: number) => n, onError),
        toArray(),
      ),
    );
    source.next(1);
    source.error(new Error('source broke'));
    await expect(result).rejects.toThrow('source broke');
    expect(onError).not.toHaveBeenCalled();
  });
});

// --- A real @nestjs/cqrs EventBus: sagas are subscribed once, at application bootstrap. ---

class Happened implements IEvent {
  constructor(
    readonly id: string,
    readonly explode: boolean,
  ) {}
}

class RecordId implements ICommand {
  constructor(readonly id: string) {}
}

@Injectable()
class Recorded {
  readonly ids: string[] = [];
  readonly mappingErrors: string[] = [];
}

@CommandHandler(RecordId)
class RecordHandler implements ICommandHandler<RecordId> {
  constructor(private readonly recorded: Recorded) {}

  async execute(command: RecordId): Promise<void> {
    this.recorded.ids.push(command.id);
  }
}

const toRecord = (event: Happened): RecordId => {
  if (event.explode) throw new Error(`cannot map ${event.id}`);
  return new RecordId(event.id);
};

@Injectable()
class SafeSaga {
  constructor(private readonly recorded: Recorded) {}

  @Saga()
  happened = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(
      ofType(Happened),
      safeMap(toRecord, (event, error) => this.recorded.mappingErrors.push(`${event.id}: ${String(error)}`)),
    );
}

@Injectable()
class PlainMapSaga {
  @Saga()
  happened = (events$: Observable<IEvent>): Observable<ICommand> =>
    events$.pipe(ofType(Happened), map(toRecord));
}

/** Commands derived by sagas run fire-and-forget (async): let them finish. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('safeMap in a @Saga() on a real CqrsModule', () => {
  let moduleRef: TestingModule | undefined;

  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = undefined;
  });

  async function boot(saga: typeof SafeSaga | typeof PlainMapSaga) {
    moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [Recorded, RecordHandler, saga],
    }).compile();
    // The plain-map saga's death is logged as an error by @nestjs/cqrs; keep the test output clean.
    moduleRef.useLogger(false);
    await moduleRef.init();
    const unhandled: UnhandledExceptionInfo<unknown>[] = [];
    moduleRef.get(UnhandledExceptionBus).subscribe((info) => unhandled.push(info));
    return { eventBus: moduleRef.get(EventBus), recorded: moduleRef.get(Recorded), unhandled };
  }

  test("with safeMap, an event whose mapping throws does not stop the next event's command", async () => {
    const { eventBus, recorded, unhandled } = await boot(SafeSaga);

    eventBus.publish(new Happened('first', false));
    await settle();
    eventBus.publish(new Happened('bad', true));
    await settle();
    eventBus.publish(new Happened('good', false));
    await settle();
    eventBus.publish(new Happened('bad-again', true));
    eventBus.publish(new Happened('still-good', false));
    await settle();

    expect(recorded.ids).toEqual(['first', 'good', 'still-good']);
    expect(recorded.mappingErrors).toEqual([
      'bad: Error: cannot map bad',
      'bad-again: Error: cannot map bad-again',
    ]);
    expect(unhandled).toEqual([]);
  });

  test("WITHOUT safeMap (plain map that throws) the saga is dead: the next event's command never runs", async () => {
    const { eventBus, recorded, unhandled } = await boot(PlainMapSaga);

    eventBus.publish(new Happened('first', false));
    await settle();
    expect(recorded.ids).toEqual(['first']);

    eventBus.publish(new Happened('bad', true));
    await settle();
    eventBus.publish(new Happened('good', false));
    await settle();

    // The error escaped the saga's stream, @nestjs/cqrs reported it and replaced the stream with an empty one:
    // every later event (of every order) is silently ignored. This is why the order saga uses safeMap.
    expect(recorded.ids).toEqual(['first']);
    expect(unhandled).toHaveLength(1);
    expect(String(unhandled[0]!.exception)).toContain('cannot map bad');
  });
});
