import { Controller, Get } from '@nestjs/common';
import { SIM_POST, type UnsupportedDestination, unsupportedDestinations } from './carrier-rules.js';

export interface UnsupportedDestinationsResponse {
  readonly carrier: string;
  readonly destinations: readonly UnsupportedDestination[];
}

/** Lets clients (and the order form) refuse these countries up front instead of waiting for ShipmentFailed. */
@Controller('carrier/destinations')
export class UnsupportedDestinationsController {
  @Get('unsupported')
  list(): UnsupportedDestinationsResponse {
    return { carrier: SIM_POST, destinations: unsupportedDestinations };
  }
}
