import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import { CommandBus, CommandHandler, CqrsModule, type ICommandHandler } from '@nestjs/cqrs';
import { Test, type TestingModule } from '@nestjs/testing';
import { SERVICE_CONFIG } from '@edr/config';
import { type DueSaga, OrderSagaRepository } from '../order-saga.repository.js';
import { SagaDeadlineAnnouncer } from '../saga-deadline.announcer.js';
import { HandleSagaDeadlineCommand } from './handle-saga-deadline.command.js';
import { MIN_SLEEP_MS, RETRY_AFTER_FAILURE_MS } from '@edr/deadlines';
import { SagaDeadlineWatcher } from './saga-deadline.watcher.js';

// Booting a Nest module is slow on a loaded machine; the assertions are not about time.
jest.setTimeout(30_000);

const dueSaga = (orderId: string): DueSaga => ({ orderId, phase: 'RUNNING', step: 'PAYMENT', attempts: 1 });

/** order_sagas as the watcher sees it: what is due, and the earliest deadline left. */
class FakeSagas {
  dueNow: DueSaga[] = [];
  next: Date | null = null;
  looks = 0;
  fail = false;

  async due(): Promise<DueSaga[]> {
    this.looks += 1;
    if (this.fail) throw new Error('database away');
    return this.dueNow;
  }

  async nextDeadline(): Promise<Date | null> {
    return this.next;
  }
}

@Injectable()
class Handled {
  readonly orderIds: string[] = [];
  failFor = new Set<string>();
  release: (() => void) | null = null;
  gate: Promise<void> = Promise.resolve();
}

@CommandHandler(HandleSagaDeadlineCommand)
class RecordingDeadlineHandler implements ICommandHandler<HandleSagaDeadlineCommand> {
  constructor(private readonly handled: Handled) {}

  async execute({ orderId }: HandleSagaDeadlineCommand): Promise<void> {
    await this.handled.gate;
    if (this.handled.failFor.has(orderId)) throw new Error(`deadline of ${orderId} failed`);
    this.handled.orderIds.push(orderId);
  }
}

describe('SagaDeadlineWatcher on a real CommandBus', () => {
  let moduleRef: TestingModule | null = null;

  afterEach(async () => {
    await moduleRef?.close();
    moduleRef = null;
  });

  const boot = async () => {
    const sagas = new FakeSagas();
    moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [
        SagaDeadlineWatcher,
        SagaDeadlineAnnouncer,
        Handled,
        RecordingDeadlineHandler,
        { provide: OrderSagaRepository, useValue: sagas },
        // The boot look finds nothing and sleeps for the backstop: the tests drive checkOnce themselves.
        { provide: SERVICE_CONFIG, useValue: { saga: { deadlineBackstopMs: 600_000 } } },
      ],
    }).compile();
    await moduleRef.init();
    const watcher = moduleRef.get(SagaDeadlineWatcher);
    // Let the boot look (which finds nothing) happen before the tests put sagas in the table.
    while (sagas.looks === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await watcher.idle();
    sagas.dueNow = ['o-1', 'o-2', 'o-3'].map(dueSaga);
    return { watcher, handled: moduleRef.get(Handled) };
  };

  test('sends one command per due saga and resolves only once they have finished', async () => {
    const { watcher, handled } = await boot();
    handled.gate = new Promise((resolve) => (handled.release = resolve));
    let finished = false;
    const check = watcher.checkOnce().then((n) => {
      finished = true;
      return n;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(finished).toBe(false);
    handled.release?.();
    expect(await check).toEqual({ due: 3, failed: 0 });
    expect([...handled.orderIds].sort()).toEqual(['o-1', 'o-2', 'o-3']);
  });

  test('one failing deadline does not stop the others, nor the watcher', async () => {
    const { watcher, handled } = await boot();
    handled.failFor.add('o-2');
    expect(await watcher.checkOnce()).toEqual({ due: 3, failed: 1 });
    expect([...handled.orderIds].sort()).toEqual(['o-1', 'o-3']);
    // The failed one is still due and goes through on a later look.
    handled.failFor.clear();
    handled.orderIds.length = 0;
    expect(await watcher.checkOnce()).toEqual({ due: 3, failed: 0 });
    expect([...handled.orderIds].sort()).toEqual(['o-1', 'o-2', 'o-3']);
  });
});

describe('SagaDeadlineWatcher scheduling (fake clock)', () => {
  const start = new Date('2026-11-28T10:00:00.000Z').getTime();
  const backstopMs = 5_000;
  let sagas: FakeSagas;
  let announcer: SagaDeadlineAnnouncer;
  let commands: string[];
  let watcher: SagaDeadlineWatcher;

  beforeEach(() => {
    jest.useFakeTimers({ now: start, doNotFake: ['nextTick', 'queueMicrotask'] });
    sagas = new FakeSagas();
    announcer = new SagaDeadlineAnnouncer();
    commands = [];
    const bus = {
      execute: async (command: HandleSagaDeadlineCommand) => void commands.push(command.orderId),
    } as unknown as CommandBus;
    watcher = new SagaDeadlineWatcher(sagas as unknown as OrderSagaRepository, bus, announcer, {
      saga: { deadlineBackstopMs: backstopMs } as never,
    });
  });

  afterEach(async () => {
    await watcher.beforeApplicationShutdown();
    expect(jest.getTimerCount()).toBe(0);
    jest.useRealTimers();
  });

  /** Lets `ms` pass on the fake clock and any look it started finish. */
  const pass = async (ms: number) => {
    await jest.advanceTimersByTimeAsync(ms);
    await watcher.idle();
  };
  const plannedIn = () => watcher.nextLookAt!.getTime() - Date.now();

  test('looks at boot (deadlines passed while the service was down), then sleeps for the backstop when idle', async () => {
    sagas.dueNow = [dueSaga('missed-while-down')];
    watcher.onApplicationBootstrap();
    await pass(0);
    expect(commands).toEqual(['missed-while-down']);
    sagas.dueNow = [];
    await pass(0);
    expect(plannedIn()).toBe(backstopMs);
    const looks = sagas.looks;
    await pass(backstopMs - 1);
    expect(sagas.looks).toBe(looks);
    await pass(1);
    expect(sagas.looks).toBe(looks + 1);
  });

  test('sleeps until the earliest pending deadline, then handles it', async () => {
    sagas.next = new Date(start + 1_200);
    watcher.onApplicationBootstrap();
    await pass(0);
    expect(plannedIn()).toBe(1_200);
    sagas.dueNow = [dueSaga('o-1')];
    sagas.next = new Date(start + 4_000);
    await pass(1_200);
    expect(commands).toEqual(['o-1']);
    expect(watcher.nextLookAt?.getTime()).toBe(start + 4_000);
  });

  test('a deadline announced in-process earlier than planned re-arms the timer; a later one does not', async () => {
    watcher.onApplicationBootstrap();
    await pass(0);
    expect(plannedIn()).toBe(backstopMs);
    announcer.announce(new Date(Date.now() + 800));
    expect(plannedIn()).toBe(800);
    announcer.announce(new Date(Date.now() + 3_000));
    expect(plannedIn()).toBe(800);
    const looks = sagas.looks;
    await pass(800);
    expect(sagas.looks).toBe(looks + 1);
    // The announcement is spent: back to the backstop.
    expect(plannedIn()).toBe(backstopMs);
  });

  test('a deadline announced while a look runs is planned for when the look ends', async () => {
    let release: () => void = () => undefined;
    sagas.dueNow = [dueSaga('slow')];
    const bus = {
      execute: () => new Promise<void>((resolve) => (release = resolve)),
    } as unknown as CommandBus;
    watcher = new SagaDeadlineWatcher(sagas as unknown as OrderSagaRepository, bus, announcer, {
      saga: { deadlineBackstopMs: backstopMs } as never,
    });
    watcher.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect(watcher.nextLookAt).toBeNull(); // looking
    announcer.announce(new Date(Date.now() + 700));
    sagas.dueNow = [];
    release();
    await watcher.idle();
    expect(plannedIn()).toBe(700);
  });

  test('a full batch is followed by another look at once', async () => {
    sagas.dueNow = Array.from({ length: 100 }, (_, i) => dueSaga(`o-${i}`));
    watcher.onApplicationBootstrap();
    await pass(0);
    expect(commands).toHaveLength(100);
    expect(plannedIn()).toBe(0);
  });

  test('never sleeps less than the minimum: a timer firing just before the wall clock reaches a deadline', async () => {
    sagas.next = new Date(start + 1); // not due yet when the look ran
    watcher.onApplicationBootstrap();
    await pass(0);
    expect(plannedIn()).toBe(MIN_SLEEP_MS);
  });

  test('after a failure it looks again at the retry pace, and stops that once things work', async () => {
    sagas.fail = true;
    watcher.onApplicationBootstrap();
    await pass(0);
    expect(plannedIn()).toBe(RETRY_AFTER_FAILURE_MS);
    sagas.fail = false;
    await pass(RETRY_AFTER_FAILURE_MS);
    expect(plannedIn()).toBe(backstopMs);
  });

  test('after shutdown nothing is planned and announcements are ignored', async () => {
    watcher.onApplicationBootstrap();
    await pass(0);
    await watcher.beforeApplicationShutdown();
    announcer.announce(new Date(Date.now() + 100));
    expect(watcher.nextLookAt).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });
});
