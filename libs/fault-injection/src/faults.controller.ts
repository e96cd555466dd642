import { Body, Controller, Delete, Get, Put } from '@nestjs/common';
import { ZodValidationPipe } from '@edr/http';
import { FaultInjector } from './fault-injector.js';
import { type FaultSettings, type FaultSettingsPatch, faultSettingsPatchSchema } from './fault-settings.js';

export type FaultStatus = FaultSettings & {
  readonly messagesSeen: number;
  readonly messagesUntilCrash: number | null;
};

/**
 * `/admin/faults`: switch a running participant's faults on and off without a restart, for demos and tests.
 * It has no authentication, so it belongs on local and test networks only.
 */
@Controller('admin/faults')
export class FaultsController {
  constructor(private readonly faults: FaultInjector) {}

  @Get()
  status(): FaultStatus {
    return {
      ...this.faults.settings(),
      messagesSeen: this.faults.messagesSeen(),
      messagesUntilCrash: this.faults.messagesUntilCrash(),
    };
  }

  /** Changes only the fields given; 400 names each invalid or unknown field. */
  @Put()
  update(@Body(new ZodValidationPipe(faultSettingsPatchSchema)) patch: FaultSettingsPatch): FaultSettings {
    return this.faults.update(patch);
  }

  /** Back to the settings from the environment. */
  @Delete()
  reset(): FaultSettings {
    return this.faults.reset();
  }
}
