import { defineServiceContract } from '../service-contract.js';
import {
  AuthorizePayment,
  PaymentAuthorized,
  PaymentDeclined,
  PaymentRefunded,
  RefundPayment,
} from './payment.messages.js';
import { PaymentService } from './payment.identity.js';

/** payment.commands (sent by the order saga) and payment.events (the replies). */
export const PaymentContract = defineServiceContract(PaymentService, [
  AuthorizePayment,
  RefundPayment,
  PaymentAuthorized,
  PaymentDeclined,
  PaymentRefunded,
]);
