import { SagaSteps } from '@edr/contracts';
import type {
  Ceiling,
  KafkaRoundTrip,
  PgCommitCeiling,
  Ratios,
  SequentialResult,
  StepResult,
  StepRatios,
} from '../result-model.js';
import { ratio } from '../stats.js';

/**
 * Relayed hops between OrderPlaced and OrderApproved: each step is a command through Kafka to a participant and its
 * reply back, each through an outbox, Debezium and a consumer. The server-side latency spans exactly these.
 */
export const sagaHops = SagaSteps.length * 2;

export interface Limits {
  readonly pg: PgCommitCeiling;
  readonly kafka: KafkaRoundTrip;
  readonly cores: number;
}

export function stepRatios(step: StepResult, limits: Limits, ceiling: Ceiling): StepRatios {
  const rt = limits.kafka.lowRate.latencyMs;
  const writesPerSecond =
    step.perSaga.writeTransactions === null ? null : step.completedPerSecond * step.perSaga.writeTransactions;
  const messagesPerSecond =
    step.perSaga.relayedMessages === null ? null : step.completedPerSecond * step.perSaga.relayedMessages;
  return {
    offeredPerSecond: step.offeredPerSecond,
    phase: step.phase,
    commitsVsCeiling: ratio(writesPerSecond, limits.pg.error ? null : limits.pg.commitsPerSecond),
    messagesVsKafkaMax: ratio(
      messagesPerSecond,
      limits.kafka.error ? null : limits.kafka.throughput.messagesPerSecond,
    ),
    latencyMedianVsKafkaHops: ratio(step.latencyMs.server?.median, rt ? rt.median * sagaHops : null),
    latencyP99VsKafkaHops: ratio(step.latencyMs.server?.p99, rt ? rt.p99 * sagaHops : null),
    relayLagVsKafkaRoundTrip: ratio(step.relayLagMs.toRecordTimestamp?.median, rt?.median),
    cpuVsMachine: ratio(step.cpu.stackCores, limits.cores),
    completedVsCeiling: ratio(step.completedPerSecond, ceiling.sagasPerSecond),
  };
}

export function ratiosOf(
  steps: readonly StepResult[],
  sequential: SequentialResult | null,
  limits: Limits,
  ceiling: Ceiling,
): Ratios {
  const rt = limits.kafka.lowRate.latencyMs;
  return {
    steps: steps.map((step) => stepRatios(step, limits, ceiling)),
    sequential: {
      medianVsKafkaHops: ratio(sequential?.latencyMs.server?.median, rt ? rt.median * sagaHops : null),
      hops: sagaHops,
    },
  };
}
