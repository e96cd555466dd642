import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import type { StockLine } from '@edr/contracts';
import { ZodValidationPipe } from '@edr/http';
import { inSkuOrder } from '../stock/sku-order.js';
import { ReservationLine } from '../reservation-line.entity.js';
import { Reservation, type ReservationStatus } from '../reservation.entity.js';

const orderIdSchema = z.uuid('must be an order id (a UUID)');

export interface ReservationView {
  readonly orderId: string;
  readonly reservationId: string | null;
  readonly status: ReservationStatus;
  readonly failure: { readonly code: string; readonly sku: string | null; readonly detail: string } | null;
  /** What is (RESERVED) or was (RELEASED) held for the order; empty for failures and tombstones. */
  readonly items: StockLine[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

@Controller('inventory/reservations')
export class GetReservationController {
  constructor(private readonly dataSource: DataSource) {}

  @Get(':orderId')
  async get(
    @Param('orderId', new ZodValidationPipe(orderIdSchema, 'orderId')) orderId: string,
  ): Promise<ReservationView> {
    const reservation = await this.dataSource.manager.findOneBy(Reservation, { orderId });
    if (!reservation) {
      throw new NotFoundException(
        `no reservation for order ${orderId} (unknown, or its ReserveInventory has not arrived yet)`,
      );
    }
    const lines = await this.dataSource.manager.findBy(ReservationLine, { orderId });
    return {
      orderId,
      reservationId: reservation.reservationId,
      status: reservation.status,
      failure: reservation.failureCode
        ? {
            code: reservation.failureCode,
            sku: reservation.failureSku,
            detail: reservation.failureDetail ?? '',
          }
        : null,
      items: inSkuOrder(lines.map(({ sku, quantity }) => ({ sku, quantity }))),
      createdAt: reservation.createdAt,
      updatedAt: reservation.updatedAt,
    };
  }
}
