import { describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { MessageCatalog } from './message-catalog.js';
import { defineMessage } from './message-definition.js';
import { OrderService } from './order/order.identity.js';
import { PaymentService } from './payment/payment.identity.js';
import { defineService, defineServiceContract } from './service-contract.js';
import {
  AggregateTypes,
  ServiceContracts,
  TopicDefinitions,
  Topics,
  serviceContract,
} from './service-contracts.js';
import { commandTopicFor, topicFor } from './topic-names.js';

describe('the service contracts', () => {
  test('assemble the topic names, topic definitions and aggregate types code imports', () => {
    expect(Topics).toEqual({
      orderEvents: 'order.events',
      orderConfirmationTasks: 'order.confirmation-tasks',
      paymentCommands: 'payment.commands',
      paymentEvents: 'payment.events',
      inventoryCommands: 'inventory.commands',
      inventoryEvents: 'inventory.events',
      shippingCommands: 'shipping.commands',
      shippingEvents: 'shipping.events',
      customerEvents: 'customer.events',
      contactCommands: 'customer-contact.commands',
      accountCommands: 'customer-account.commands',
      addressCommands: 'customer-address.commands',
      registrationEvents: 'customer-registration.events',
      shippingLabelTasks: 'shipping.label-tasks',
      shippingLabelEvents: 'shipping-label.events',
      projectionEvents: 'projection.events',
    });
    expect(TopicDefinitions.paymentCommands).toEqual({ name: 'payment.commands', partitions: 3 });
    expect(TopicDefinitions.paymentCommandsDlq).toEqual({ name: 'payment.commands.dlq', partitions: 1 });
    expect(Object.keys(TopicDefinitions)).toHaveLength(2 * Object.keys(Topics).length);
    expect(AggregateTypes).toEqual({
      order: 'order',
      payment: 'payment',
      inventory: 'inventory',
      shipping: 'shipping',
      customer: 'customer',
      projection: 'projection',
    });
  });

  test('keep event streams forever (views are rebuilt from them); commands and dead letters keep the default', () => {
    const forever = { 'retention.ms': '-1', 'retention.bytes': '-1' };
    expect(TopicDefinitions.orderEvents).toEqual({ name: 'order.events', partitions: 3, config: forever });
    expect(TopicDefinitions.projectionEvents.config).toEqual(forever);
    expect(TopicDefinitions.orderEventsDlq.config).toBeUndefined();
    for (const definition of Object.values(TopicDefinitions)) {
      expect(definition.config).toEqual(definition.name.endsWith('.events') ? forever : undefined);
    }
  });

  test('give task topics six partitions for competing workers; their dead letters keep one', () => {
    expect(TopicDefinitions.shippingLabelTasks).toEqual({ name: 'shipping.label-tasks', partitions: 6 });
    expect(TopicDefinitions.orderConfirmationTasks).toEqual({
      name: 'order.confirmation-tasks',
      partitions: 6,
    });
    expect(TopicDefinitions.shippingLabelTasksDlq).toEqual({
      name: 'shipping.label-tasks.dlq',
      partitions: 1,
    });
    expect(TopicDefinitions.shippingCommands.partitions).toBe(3);
  });

  test('put every message in the catalog once, produced by a service that has a contract', () => {
    const names = ServiceContracts.map((contract) => contract.name);
    expect(MessageCatalog.definitions).toHaveLength(45);
    for (const definition of MessageCatalog.definitions) expect(names).toContain(definition.producer);
    expect(MessageCatalog.find('PaymentAuthorized', 1)?.producer).toBe('payment-service');
    expect(MessageCatalog.find('AuthorizePayment', 1)?.producer).toBe('order-service');
    expect(serviceContract('shipping-service')?.aggregateType).toBe('shipping');
    expect(serviceContract('customer-service')?.aggregateType).toBe('customer');
  });

  test('refuse a message on a topic the service does not own', () => {
    const stray = defineMessage({
      type: 'PaymentNoted',
      schemaVersion: 1,
      kind: 'event',
      topic: Topics.orderEvents,
      producer: PaymentService.name,
      payload: z.object({}),
    });
    expect(() => defineServiceContract(PaymentService, [stray])).toThrow(
      "PaymentNoted v1 in the payment-service contract travels on order.events, which is not one of payment-service's topics (payment.commands, payment.events)",
    );
  });

  test("refuse an event on the service's own topic that names another producer", () => {
    const borrowed = defineMessage({
      type: 'PaymentNoted',
      schemaVersion: 1,
      kind: 'event',
      topic: Topics.paymentEvents,
      producer: OrderService.name,
      payload: z.object({}),
    });
    expect(() => defineServiceContract(PaymentService, [borrowed])).toThrow(
      "PaymentNoted v1 in the payment-service contract is an event on payment-service's topic payment.events but names order-service as its producer",
    );
  });

  test('take a new service as one more folder: its identity, messages and contract', () => {
    const CustomerService = defineService({
      name: 'customer-service',
      aggregateType: 'customer',
      topics: { customerCommands: commandTopicFor('customer'), customerEvents: topicFor('customer') },
    });
    const CustomerRegistered = defineMessage({
      type: 'CustomerRegistered',
      schemaVersion: 1,
      kind: 'event',
      topic: CustomerService.topics.customerEvents,
      producer: CustomerService.name,
      payload: z.object({ customerId: z.string() }),
    });
    const contract = defineServiceContract(CustomerService, [CustomerRegistered]);
    expect(contract.topicDefinitions.customerEventsDlq.name).toBe('customer.events.dlq');
    expect(contract.messages).toEqual([CustomerRegistered]);
  });
});
