import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PaymentDeclinedPayload } from '@edr/contracts';
import { numericColumn } from './money.js';

export const PaymentStatuses = ['AWAITING_CUSTOMER', 'AUTHORIZED', 'DECLINED', 'REFUNDED', 'VOIDED'] as const;
/**
 * AWAITING_CUSTOMER: parked until payment's copy knows the customer as ACTIVE or FAILED, or awaitingUntil passes;
 * nothing captured, no reply sent yet. AUTHORIZED: captured. DECLINED: refused, nothing captured. REFUNDED: captured, then paid back in full.
 * VOIDED: a tombstone, the refund arrived before any authorization, so a later AuthorizePayment is refused.
 */
export type PaymentStatus = (typeof PaymentStatuses)[number];

/** One row per order: the primary key is what makes authorization (and its refund) happen at most once per order. */
@Entity({ name: 'payments' })
export class Payment {
  @PrimaryColumn({ name: 'order_id', type: 'uuid' })
  orderId!: string;

  /** Null only for a VOIDED tombstone: no payment ever existed. */
  @Column({ name: 'payment_id', type: 'uuid', nullable: true })
  paymentId!: string | null;

  /** Null only for a VOIDED tombstone: RefundPayment does not name the customer. */
  @Column({ name: 'customer_id', type: 'varchar', length: 255, nullable: true })
  customerId!: string | null;

  /** What was asked for (the order total); 0 for a tombstone. */
  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: numericColumn })
  amount!: number;

  @Column({ type: 'varchar', length: 24 })
  status!: PaymentStatus;

  @Column({ name: 'decline_code', type: 'varchar', length: 64, nullable: true })
  declineCode!: PaymentDeclinedPayload['code'] | null;

  @Column({ name: 'decline_detail', type: 'text', nullable: true })
  declineDetail!: string | null;

  /** The authorized (= captured) amount; 0 unless the payment was authorized. */
  @Column({
    name: 'captured_amount',
    type: 'numeric',
    precision: 14,
    scale: 2,
    transformer: numericColumn,
  })
  capturedAmount!: number;

  /** Never more than capturedAmount (a check constraint enforces it, too). */
  @Column({
    name: 'refunded_amount',
    type: 'numeric',
    precision: 14,
    scale: 2,
    transformer: numericColumn,
  })
  refundedAmount!: number;

  /** Set exactly while AWAITING_CUSTOMER: when the wait ends with CUSTOMER_PENDING or CUSTOMER_UNKNOWN. */
  @Column({ name: 'awaiting_until', type: 'timestamptz', nullable: true })
  awaitingUntil!: Date | null;

  /**
   * What the reply to a parked AuthorizePayment needs from that command (it is written later, by another
   * transaction): its correlation id, its id (the reply's causation) and its trace context.
   */
  @Column({ name: 'reply_correlation_id', type: 'varchar', length: 255, nullable: true })
  replyCorrelationId!: string | null;

  @Column({ name: 'reply_causation_id', type: 'varchar', length: 255, nullable: true })
  replyCausationId!: string | null;

  @Column({ name: 'reply_traceparent', type: 'varchar', length: 255, nullable: true })
  replyTraceparent!: string | null;

  @Column({ name: 'authorized_at', type: 'timestamptz', nullable: true })
  authorizedAt!: Date | null;

  @Column({ name: 'refunded_at', type: 'timestamptz', nullable: true })
  refundedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
