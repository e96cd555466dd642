import { Inject, Injectable, Logger, Optional, type Provider } from '@nestjs/common';
import { BEFORE_MESSAGE, type BeforeMessageHook } from '@edr/messaging';
import { BEFORE_TASK, type BeforeTaskHook } from '@edr/tasks';
import {
  type FaultSettings,
  type FaultSettingsPatch,
  faultSettingsPatchSchema,
  faultSettingsSchema,
} from './fault-settings.js';

/** Reason a participant reports when it says "no" only because fault injection told it to. */
export const INJECTED_FAILURE = 'INJECTED_FAILURE';

/** The settings a service booted with (from its environment); `DELETE /admin/faults` returns to them. */
export const FAULT_SETTINGS = Symbol('FAULT_SETTINGS');
/** Optional {@link FaultInjectorOptions}, for tests that must not really sleep, roll dice or die. */
export const FAULT_INJECTOR_OPTIONS = Symbol('FAULT_INJECTOR_OPTIONS');

/** Thrown before handling a message, so the consumer treats it like any other transient failure and retries. */
export class InjectedTransientError extends Error {
  override readonly name = 'InjectedTransientError';
}

export interface FaultInjectorOptions {
  /** Uniform in [0, 1); defaults to `Math.random`. */
  readonly random?: () => number;
  /** Ends the process; defaults to SIGKILL of this process, so no shutdown hook, commit or flush runs. */
  readonly kill?: () => void;
}

const killThisProcess = () => {
  process.kill(process.pid, 'SIGKILL');
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Decides, message by message, whether this participant misbehaves. {@link beforeMessage} runs before every message
 * as MessageConsumer's BEFORE_MESSAGE hook (see FaultInjectionModule); handlers call {@link shouldDecline} where
 * they would otherwise accept a command.
 */
@Injectable()
export class FaultInjector {
  private readonly logger = new Logger('FaultInjection');
  private readonly initial: FaultSettings;
  private current: FaultSettings;
  private seen = 0;
  /** Messages seen when crashAfterMessages was last set: a countdown set at runtime starts then, not at boot. */
  private crashCountdownFrom = 0;
  private readonly random: () => number;
  private readonly kill: () => void;

  constructor(
    @Inject(FAULT_SETTINGS) initial: FaultSettings,
    @Optional() @Inject(FAULT_INJECTOR_OPTIONS) options: FaultInjectorOptions = {},
  ) {
    this.initial = faultSettingsSchema.parse(initial);
    this.current = { ...this.initial };
    this.random = options.random ?? Math.random;
    this.kill = options.kill ?? killThisProcess;
    if (this.isActive()) this.logger.warn(`fault injection active: ${JSON.stringify(this.current)}`);
  }

  settings(): FaultSettings {
    return { ...this.current };
  }

  messagesSeen(): number {
    return this.seen;
  }

  /** How many more messages are handled before the crash, or null when no crash is scheduled. */
  messagesUntilCrash(): number | null {
    const n = this.current.crashAfterMessages;
    return n === null ? null : Math.max(0, n - (this.seen - this.crashCountdownFrom));
  }

  /** Applies the given fields and keeps the others. Setting crashAfterMessages restarts its countdown. */
  update(patch: FaultSettingsPatch): FaultSettings {
    const valid = faultSettingsPatchSchema.parse(patch);
    const changes = Object.fromEntries(Object.entries(valid).filter(([, value]) => value !== undefined));
    this.current = { ...this.current, ...changes };
    if ('crashAfterMessages' in changes) this.crashCountdownFrom = this.seen;
    this.logger.warn(`fault injection updated: ${JSON.stringify(this.current)}`);
    return this.settings();
  }

  /** Back to the settings from the environment; the crash countdown, if any, restarts. */
  reset(): FaultSettings {
    this.current = { ...this.initial };
    this.crashCountdownFrom = this.seen;
    this.logger.log(`fault injection reset: ${JSON.stringify(this.current)}`);
    return this.settings();
  }

  /**
   * Runs before handling each message: may kill the process (crashAfterMessages), delays by latencyMs, and may throw
   * {@link InjectedTransientError} (errorProbability).
   */
  async beforeMessage(): Promise<void> {
    this.seen += 1;
    const { crashAfterMessages, latencyMs, errorProbability } = this.current;
    if (crashAfterMessages !== null && this.seen - this.crashCountdownFrom > crashAfterMessages) {
      // Straight to stderr: it is synchronous for files and pipes, so the line is out before SIGKILL lands,
      // whereas a logger may buffer.
      process.stderr.write(`fault injection: crashing after ${crashAfterMessages} messages\n`);
      this.kill();
      // Only reached when `kill` is a test double: still never handle the message.
      throw new Error('fault injection: crash requested but the process is still running');
    }
    if (latencyMs > 0) await sleep(latencyMs);
    if (this.random() < errorProbability) {
      throw new InjectedTransientError(
        `fault injection: transient error (errorProbability ${errorProbability})`,
      );
    }
  }

  /**
   * Runs before a task's work (the BEFORE_TASK hook of @edr/tasks): throws
   * {@link InjectedTransientError} for the task's first `failTaskAttempts` attempts, or for every one with `always`.
   */
  async beforeTask(attempt: number): Promise<void> {
    const { failTaskAttempts } = this.current;
    if (failTaskAttempts === 'always' || (failTaskAttempts !== null && attempt <= failTaskAttempts)) {
      throw new InjectedTransientError(
        `fault injection: task attempt ${attempt} fails (failTaskAttempts ${failTaskAttempts})`,
      );
    }
  }

  /** True when this command should get a business "no" with reason {@link INJECTED_FAILURE}. */
  shouldDecline(): boolean {
    return this.random() < this.current.declineProbability;
  }

  private isActive(): boolean {
    const { declineProbability, errorProbability, latencyMs, crashAfterMessages, failTaskAttempts } =
      this.current;
    return (
      declineProbability > 0 ||
      errorProbability > 0 ||
      latencyMs > 0 ||
      crashAfterMessages !== null ||
      failTaskAttempts !== null
    );
  }
}

/**
 * The providers of FaultInjectionModule. Registers
 * {@link FaultInjector.beforeMessage} as the BEFORE_MESSAGE hook, so MessageConsumer runs it for every message inside
 * the retry loop and the inbox transaction, and no consumer calls it by hand; likewise
 * {@link FaultInjector.beforeTask} as the BEFORE_TASK hook that TaskRunner (@edr/tasks) runs before each task's work.
 */
export function faultInjectionProviders(
  initial: FaultSettings,
  options: FaultInjectorOptions = {},
): Provider[] {
  return [
    { provide: FAULT_SETTINGS, useValue: initial },
    { provide: FAULT_INJECTOR_OPTIONS, useValue: options },
    FaultInjector,
    {
      provide: BEFORE_MESSAGE,
      useFactory:
        (faults: FaultInjector): BeforeMessageHook =>
        () =>
          faults.beforeMessage(),
      inject: [FaultInjector],
    },
    {
      provide: BEFORE_TASK,
      useFactory:
        (faults: FaultInjector): BeforeTaskHook =>
        (task) =>
          faults.beforeTask(task.attempt),
      inject: [FaultInjector],
    },
  ];
}
