import { defineServiceContract } from '../service-contract.js';
import {
  CustomerFlagCleared,
  CustomerFlagged,
  OrderLabelOverdue,
  PurchaseEnriched,
} from './projection.events.js';
import { ProjectionService } from './projection.identity.js';

/** projection.events: enrichment and the CEP rules' outcomes. */
export const ProjectionContract = defineServiceContract(ProjectionService, [
  PurchaseEnriched,
  CustomerFlagged,
  CustomerFlagCleared,
  OrderLabelOverdue,
]);
