import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { Injectable } from '@nestjs/common';
import { CommandHandler, CqrsModule, type ICommandHandler } from '@nestjs/cqrs';
import { Test, type TestingModule } from '@nestjs/testing';
import { SERVICE_CONFIG } from '@edr/config';
import { type DueSaga, OrderSagaRepository } from '../order-saga.repository.js';
import { HandleSagaDeadlineCommand } from './handle-saga-deadline.command.js';
import { SagaDeadlineWatcher } from './saga-deadline.watcher.js';

// Booting a Nest module is slow on a loaded machine; the assertions are not about time.
jest.setTimeout(30_000);

const due: DueSaga[] = ['o-1', 'o-2', 'o-3'].map((orderId) => ({
  orderId,
  phase: 'RUNNING',
  step: 'PAYMENT',
  attempts: 1,
}));

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
    moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [
        SagaDeadlineWatcher,
        Handled,
        RecordingDeadlineHandler,
        { provide: OrderSagaRepository, useValue: { due: () => Promise.resolve(due) } },
        // Polls far in the future: the test drives checkOnce itself.
        { provide: SERVICE_CONFIG, useValue: { saga: { deadlinePollMs: 3_600_000 } } },
      ],
    }).compile();
    await moduleRef.init();
    return { watcher: moduleRef.get(SagaDeadlineWatcher), handled: moduleRef.get(Handled) };
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
    expect(await check).toBe(3);
    expect([...handled.orderIds].sort()).toEqual(['o-1', 'o-2', 'o-3']);
  });

  test('one failing deadline does not stop the others, nor the watcher', async () => {
    const { watcher, handled } = await boot();
    handled.failFor.add('o-2');
    expect(await watcher.checkOnce()).toBe(3);
    expect([...handled.orderIds].sort()).toEqual(['o-1', 'o-3']);
    // The failed one is still due and goes through on a later poll.
    handled.failFor.clear();
    handled.orderIds.length = 0;
    expect(await watcher.checkOnce()).toBe(3);
    expect([...handled.orderIds].sort()).toEqual(['o-1', 'o-2', 'o-3']);
  });
});
