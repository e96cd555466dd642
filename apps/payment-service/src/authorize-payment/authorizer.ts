import { Injectable } from '@nestjs/common';
import { FaultInjector } from '@edr/fault-injection';
import type { CustomerStanding } from '../customer-copy/customer-standing.js';
import {
  type AuthorizationDecision,
  type CustomerVerdict,
  decideAuthorization,
  injectedDecline,
} from './decision.js';

/**
 * The rules of decision.ts plus fault injection, for every place an authorization is decided: a first
 * AuthorizePayment, and a parked one when its customer's registration ends, its customer is flagged, or its wait
 * passes.
 */
@Injectable()
export class Authorizer {
  constructor(private readonly faults: FaultInjector) {}

  verdict(customerId: string, amount: number, standing: CustomerStanding): CustomerVerdict {
    const verdict = decideAuthorization(customerId, amount, standing);
    return verdict.kind === 'decided'
      ? { kind: 'decided', decision: this.withFaults(verdict.decision) }
      : verdict;
  }

  // Injected declines only turn a yes into a no, like a gateway outage would; a no stays the real reason.
  private withFaults(decision: AuthorizationDecision): AuthorizationDecision {
    if (decision.approved && this.faults.shouldDecline()) {
      return injectedDecline(this.faults.settings().declineProbability);
    }
    return decision;
  }
}
