import { Controller, Get } from '@nestjs/common';
import { type AdmissionStatus, OrderAdmission } from './order-admission.js';

/**
 * `GET /orders/admission`: whether POST /orders takes new orders now, and the backlog reading behind it. Apart from
 * `/health` on purpose: a full door is the service working as designed, and a health check that failed on it
 * would make an orchestrator restart or unroute the instance that is busy finishing the backlog. Declared before
 * GetOrderController, whose `/orders/:id` would otherwise take the path.
 */
@Controller('orders')
export class GetAdmissionController {
  constructor(private readonly admission: OrderAdmission) {}

  @Get('admission')
  get(): Promise<AdmissionStatus> {
    return this.admission.status();
  }
}
