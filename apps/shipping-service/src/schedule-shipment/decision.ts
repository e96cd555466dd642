import { FailureCodes, type ScheduleShipmentPayload } from '@edr/contracts';
import { SIM_POST, checkDestination } from '../carrier/carrier-rules.js';
import { trackingNumberFor } from '../carrier/tracking-number.js';
import type { NewShipmentRow } from '../shipment-rows.js';

export interface ScheduleInput {
  readonly command: ScheduleShipmentPayload;
  /** Id for the shipment if it is booked. */
  readonly shipmentId: string;
  /** Injected decline (fault injection); only asked when SimPost would otherwise accept. */
  readonly decline: () => boolean;
}

/**
 * What a first ScheduleShipment for an order records: SimPost's destination rule first (a real refusal beats a
 * simulated one, and the decline probability then applies to acceptable orders only), then the injected decline,
 * otherwise a booking with a tracking number derived from the shipment id.
 */
export function decideSchedule({ command, shipmentId, decline }: ScheduleInput): NewShipmentRow {
  const base = {
    orderId: command.orderId,
    carrier: SIM_POST,
    country: command.shippingAddress.country,
    address: command.shippingAddress,
    items: command.items,
  };
  const destination = checkDestination(command.shippingAddress.country);
  if (!destination.supported) {
    return failed(base, destination.code, destination.detail);
  }
  if (decline()) {
    return failed(base, FailureCodes.injectedFailure, `${SIM_POST} declined the shipment (fault injection)`);
  }
  return {
    ...base,
    shipmentId,
    status: 'SCHEDULED',
    trackingNumber: trackingNumberFor(shipmentId),
    failureCode: null,
    failureDetail: null,
  };
}

const failed = (
  base: Pick<NewShipmentRow, 'orderId' | 'carrier' | 'country' | 'address' | 'items'>,
  code: NonNullable<NewShipmentRow['failureCode']>,
  detail: string,
): NewShipmentRow => ({
  ...base,
  shipmentId: null,
  status: 'FAILED',
  trackingNumber: null,
  failureCode: code,
  failureDetail: detail,
});
