import { InventoryService } from '@edr/contracts';
import { replier } from '@edr/messaging';

/** Writes a reply on inventory.events through the command's transaction, keyed by the order id like the command. */
export const reply = replier(InventoryService);
