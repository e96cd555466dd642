/** What each figure of the report measures, in words, derived from the settings of the run where they matter. */

export interface DefinitionInputs {
  /** Connector configurations (infra/debezium/connectors/*.json). */
  readonly connectors: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** message.timestamp.type per relayed topic. */
  readonly topicTimestampTypes: Readonly<Record<string, string>>;
}

/** What a relayed record's Kafka timestamp is, as the outbox router and the topics are configured. */
export function recordTimestampMeaning(input: DefinitionInputs): string {
  const types = new Set(Object.values(input.topicTimestampTypes));
  if (types.size === 1 && types.has('LogAppendTime')) {
    return 'the broker append time (topics use LogAppendTime): the moment the record is in Kafka';
  }
  const fields = new Set(
    Object.values(input.connectors).map((c) => c['transforms.outbox.table.field.event.timestamp'] ?? ''),
  );
  if (fields.size === 1 && fields.has('')) {
    return "Debezium's ts_ms: when the connector processed the change, after the commit was decoded from the WAL and before Connect's producer sent it (the outbox router's default; topics use CreateTime)";
  }
  return `the outbox column ${[...fields].filter(Boolean).join(', ')} (transforms.outbox.table.field.event.timestamp), not a relay time`;
}

export function definitions(input: DefinitionInputs): Record<string, string> {
  return {
    relayLagEstimate: `Relay lag "estimate" = Kafka record timestamp − the envelope's occurredAt. The record timestamp is ${recordTimestampMeaning(input)}. occurredAt is set when the producing service builds the envelope, inside the transaction, before its commit; so this includes the rest of that transaction (its commit and fsync; with batched consumption, the rest of the batch written in the same transaction) and excludes Connect's producer linger, send and the broker append. It is neither a strict upper nor lower bound of commit → record in Kafka; it is the closest to it the records carry.`,
    relayLagUpperBound:
      "Relay lag \"upper bound\" = when the bench's own consumer had the record − occurredAt (same machine, same wall clock). It includes everything from building the envelope to the record being fetched (the rest of the transaction, WAL decoding, Debezium's poll interval, Connect's producer, the broker append, the bench consumer's fetch), so commit → record in Kafka is at most this.",
    sagaLatencyClient:
      '202 Accepted received → OrderApproved read by the bench from order.events (bench clock). Approved sagas only. Includes the relay of OrderApproved itself.',
    sagaLatencyServer:
      "OrderPlaced.occurredAt → OrderApproved.occurredAt from the envelopes on order.events (order-service's clock): the saga's own time, six relayed hops (three commands, three replies).",
    completedPerSecond:
      "Sagas of the step's own orders (its warm-up ones included, earlier steps' backlog not) whose terminal event the bench read inside the window ÷ the window: end of warm-up → last measured saga ended, or the drain ran out. Per-saga costs divide the window's work by every saga that ended in it, backlog included.",
    refused:
      '503 answers to POST /orders (admission control): counted per rate, never retried, not failures.',
    failures:
      'POST errors (anything but 202/503), sagas rejected with TIMEOUT, and accepted sagas unfinished when the drain ran out.',
    consumerLag:
      'Per consumer group, records on its topics not yet committed (topic end offsets − committed offsets, kafkajs admin, sampled every second in the window): processed-but-uncommitted records count too.',
    cpu: "Per process tree, utime+stime (plus reaped children's) from /proc/<pid>/stat over the window ÷ its length, in cores. Postgres counts the postmaster and every backend. The stack is Postgres, Kafka, Connect, every service and each label-worker instance; the bench itself and other work on the machine are shown apart.",
    cpuPerSaga: "All stack processes' CPU seconds in the window ÷ sagas (any bench order) ended in it.",
    transactionsPerSaga:
      'xact_commit: pg_stat_database.xact_commit deltas over the service databases, each once whatever the layout (every committed transaction, read-only ones included; stats are published with up to ~1 s delay). write: transaction ids assigned cluster-wide (transactions that wrote, i.e. paid for a WAL flush at commit; includes Debezium heartbeats, one per connector every 10 s). Both ÷ sagas ended in the window.',
    relayedPerSaga:
      'Records added to the relayed topics (end offsets, kafkajs admin) in the window ÷ sagas ended in it.',
    pss: 'Proportional set size from /proc/<pid>/smaps_rollup summed over each process tree: shared pages (Postgres shared buffers, the node binary) are split among the processes mapping them, so they count once.',
    pgCommitCeiling:
      "Commits/s of the saga write shape on this machine with the services' pool size and the server's durability unchanged (see baselines).",
    kafkaRoundTrip:
      'Produce → consume on a scratch topic with kafkajs, no outbox: latency at a low rate, then the most messages/s one producer and one consumer move.',
    ratios:
      'commits vs ceiling = completed/s × write transactions per saga ÷ commit ceiling; messages vs kafka max = completed/s × relayed messages per saga ÷ kafkajs max messages/s; latency vs kafka hops = server-side latency ÷ (6 hops × Kafka round trip) for median and p99; relay vs round trip = relay lag estimate median ÷ Kafka round-trip median.',
  };
}
