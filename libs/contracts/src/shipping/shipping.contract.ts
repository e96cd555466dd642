import { defineServiceContract } from '../service-contract.js';
import {
  CancelShipment,
  ScheduleShipment,
  ShipmentCancelled,
  ShipmentFailed,
  ShipmentScheduled,
} from './shipping.messages.js';
import { ShippingService } from './shipping.identity.js';

/** shipping.commands (sent by the order saga) and shipping.events (the replies). */
export const ShippingContract = defineServiceContract(ShippingService, [
  ScheduleShipment,
  CancelShipment,
  ShipmentScheduled,
  ShipmentFailed,
  ShipmentCancelled,
]);
