import { Controller, Get, Param } from '@nestjs/common';
import { customerIdSchema } from '@edr/contracts';
import { ZodValidationPipe } from '@edr/http';
import { describeRule } from './cep-rule.js';
import { CepFlagsReader } from './cep-flags.reader.js';
import { CepReactor } from './cep.reactor.js';

/** What the CEP rules are and what they found, for operators and the dashboard. */
@Controller('cep')
export class CepController {
  constructor(
    private readonly reactor: CepReactor,
    private readonly flags: CepFlagsReader,
  ) {}

  /** The declared rules as data: name, pattern, window, action. */
  @Get('rules')
  rules() {
    return { rules: this.reactor.engine.rules.map(describeRule) };
  }

  /** The customers flagged now, with the rule and the evidence. */
  @Get('flags')
  async flagged() {
    return { flags: await this.flags.flagged() };
  }

  /** One customer's flags (flagged or not, 200 either way) and the last clear of each rule. */
  @Get('flags/:customerId')
  ofCustomer(@Param('customerId', new ZodValidationPipe(customerIdSchema, 'customerId')) customerId: string) {
    return this.flags.ofCustomer(customerId);
  }
}
