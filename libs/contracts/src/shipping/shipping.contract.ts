import { defineServiceContract } from '../service-contract.js';
import {
  CancelShipment,
  ScheduleShipment,
  ShipmentCancelled,
  ShipmentFailed,
  ShipmentScheduled,
} from './shipping.messages.js';
import { ShippingService } from './shipping.identity.js';
import { RenderShippingLabel, ShippingLabelRendered } from './label-tasks.messages.js';

/** shipping.commands (sent by the order saga), shipping.events (the replies) and shipping.label-tasks. */
export const ShippingContract = defineServiceContract(ShippingService, [
  ScheduleShipment,
  CancelShipment,
  ShipmentScheduled,
  ShipmentFailed,
  ShipmentCancelled,
  RenderShippingLabel,
  ShippingLabelRendered,
]);
