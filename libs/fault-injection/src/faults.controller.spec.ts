import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { faultInjectionProviders } from './fault-injector.js';
import { defaultFaultSettings } from './fault-settings.js';
import { FaultsController } from './faults.controller.js';

describe('FaultsController', () => {
  let app: INestApplication;
  const fromEnv = { ...defaultFaultSettings, latencyMs: 5 };

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [FaultsController],
      providers: [...faultInjectionProviders(fromEnv)],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });

  afterAll(async () => {
    await app.close();
  });

  test('GET returns the settings and counters', async () => {
    const res = await request(app.getHttpServer()).get('/admin/faults').expect(200);
    expect(res.body).toEqual({ ...fromEnv, messagesSeen: 0, messagesUntilCrash: null });
  });

  test('PUT applies a patch and returns the new settings', async () => {
    const res = await request(app.getHttpServer())
      .put('/admin/faults')
      .send({ declineProbability: 0.5, crashAfterMessages: 3 })
      .expect(200);
    expect(res.body).toEqual({ ...fromEnv, declineProbability: 0.5, crashAfterMessages: 3 });

    const status = await request(app.getHttpServer()).get('/admin/faults').expect(200);
    expect(status.body).toMatchObject({ declineProbability: 0.5, messagesUntilCrash: 3 });
  });

  test('PUT with an invalid value is a 400 naming the field', async () => {
    const res = await request(app.getHttpServer())
      .put('/admin/faults')
      .send({ declineProbability: 1.5, surprise: true })
      .expect(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'declineProbability', message: 'must be a probability between 0 and 1, e.g. 0.25' },
        expect.objectContaining({ field: '(body)', message: expect.stringContaining('"surprise"') }),
      ]),
    );
  });

  test('DELETE returns to the settings from the environment', async () => {
    const res = await request(app.getHttpServer()).delete('/admin/faults').expect(200);
    expect(res.body).toEqual(fromEnv);
  });
});
