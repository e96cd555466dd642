import { describe, expect, test } from '@jest/globals';
import type { OrderSagaRepository } from '../../saga/order-saga.repository.js';
import { OrderAdmission } from './order-admission.js';

/** order_sagas as the admission sees it: a count, answered when the test says so. */
class CountedSagas {
  inFlight = 0;
  queries = 0;
  private gate: Promise<void> = Promise.resolve();
  private release: () => void = () => undefined;

  hold(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  answer(): void {
    this.release();
  }

  async countInFlight(): Promise<number> {
    this.queries += 1;
    const atQuery = this.inFlight;
    await this.gate;
    return atQuery;
  }
}

const admission = (sagas: CountedSagas, maxInFlight: number, refreshMs = 3_600_000) =>
  new OrderAdmission(sagas as unknown as OrderSagaRepository, {
    admission: { maxInFlight, retryAfterS: 1, refreshMs },
  });

describe('OrderAdmission', () => {
  test('requests racing while the reading is stale share one count and never overshoot the limit', async () => {
    const sagas = new CountedSagas();
    sagas.inFlight = 1;
    const gate = admission(sagas, 4);
    sagas.hold();
    const racing = Array.from({ length: 10 }, () => gate.enter());
    sagas.answer();
    const outcomes = await Promise.all(racing);

    expect(sagas.queries).toBe(1);
    expect(outcomes.filter((o) => o.admitted)).toHaveLength(3);
    const refused = outcomes.find((o) => !o.admitted);
    expect(refused).toEqual({
      admitted: false,
      refusal: { admit: false, backlog: 4, limit: 4, retryAfterS: 1 },
    });
  });

  test('a fresh reading is not counted again; admissions since it are added', async () => {
    const sagas = new CountedSagas();
    const gate = admission(sagas, 2);
    const first = await gate.enter();
    const second = await gate.enter();
    const third = await gate.enter();
    expect([first.admitted, second.admitted, third.admitted]).toEqual([true, true, false]);
    expect(sagas.queries).toBe(1);
  });

  test('a replay (known to write nothing) frees its place; a placement stays counted until the next reading', async () => {
    const sagas = new CountedSagas();
    const gate = admission(sagas, 1);
    const replay = await gate.enter();
    if (!replay.admitted) throw new Error('expected an admission');
    replay.leave(false);
    replay.leave(false); // leaving twice counts once
    const placement = await gate.enter();
    if (!placement.admitted) throw new Error('expected an admission');
    placement.leave(true);
    expect((await gate.enter()).admitted).toBe(false);
  });

  test('once the reading is old, the next request counts again and sees sagas that finished', async () => {
    const sagas = new CountedSagas();
    sagas.inFlight = 3;
    const gate = admission(sagas, 3, 1);
    expect((await gate.enter()).admitted).toBe(false);
    sagas.inFlight = 1;
    await new Promise((resolve) => setTimeout(resolve, 5)); // older than refreshMs = 1
    expect((await gate.enter()).admitted).toBe(true);
    expect(sagas.queries).toBe(2);
  });

  test('status shows the reading, what was admitted since and whether the door is open', async () => {
    const sagas = new CountedSagas();
    sagas.inFlight = 2;
    const gate = admission(sagas, 3);
    await gate.enter();
    expect(await gate.status()).toMatchObject({
      open: false,
      limit: 3,
      backlog: 3,
      reading: { inFlight: 2 },
      admittedSinceReading: 1,
      retryAfterSeconds: 1,
    });
  });

  test('a failed count fails the request and is tried again by the next one', async () => {
    const sagas = new CountedSagas();
    let away = true;
    const flaky = {
      countInFlight: () => (away ? Promise.reject(new Error('database away')) : sagas.countInFlight()),
    };
    const gate = admission(flaky as unknown as CountedSagas, 3);
    await expect(gate.enter()).rejects.toThrow('database away');
    away = false;
    expect((await gate.enter()).admitted).toBe(true);
  });
});
