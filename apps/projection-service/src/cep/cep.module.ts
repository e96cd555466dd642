import { Module } from '@nestjs/common';
import { CepController } from './cep.controller.js';
import { CepFlagsReader } from './cep-flags.reader.js';
import { CepTimerWatcher } from './cep-timer.watcher.js';
import { ClearFlagController } from './clear-flag/clear-flag.controller.js';
import { ClearFlagHandler } from './clear-flag/clear-flag.handler.js';

/**
 * Everything of complex event processing but the reactor itself (CepReactor, which ReadModelModule runs with the
 * other reactors and exports): the timer watcher, the operator's clear and the read endpoints.
 */
@Module({
  controllers: [CepController, ClearFlagController],
  providers: [CepTimerWatcher, ClearFlagHandler, CepFlagsReader],
})
export class CepModule {}
