import { defineServiceContract } from '../service-contract.js';
import {
  InventoryReleased,
  InventoryReservationFailed,
  InventoryReserved,
  ReleaseInventory,
  ReserveInventory,
} from './inventory.messages.js';
import { InventoryService } from './inventory.identity.js';

/** inventory.commands (sent by the order saga) and inventory.events (the replies). */
export const InventoryContract = defineServiceContract(InventoryService, [
  ReserveInventory,
  ReleaseInventory,
  InventoryReserved,
  InventoryReservationFailed,
  InventoryReleased,
]);
