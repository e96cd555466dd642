import { defineService } from '../service-contract.js';
import { topicFor } from '../topic-names.js';

/**
 * projection-service: the read side. It publishes what it derives from everyone's events on projection.events:
 * enriched purchases (the article's enrichment, consumed back by customer-service), and the outcomes of its complex
 * event processing rules (customers flagged and cleared, SLA alerts).
 */
export const ProjectionService = defineService({
  name: 'projection-service',
  aggregateType: 'projection',
  topics: { projectionEvents: topicFor('projection') },
});
