/** The partitions one consumer group member of this process owns, by topic, as its last join assigned them. */
export interface GroupMembership {
  readonly groupId: string;
  readonly memberId: string | null;
  readonly partitions: Readonly<Record<string, readonly number[]>>;
  /** When the member last joined (the assignment's time); null before the first join. */
  readonly joinedAt: string | null;
}

/**
 * What the process's consumer group members own right now: each BatchKafkaServer reports its assignment after every
 * join (kafkajs GROUP_JOIN) and drops it when a rebalance starts or the consumer stops, so a worker can say which
 * share of its topics it is working on (competing consumers, docs/patterns/competing-consumers.md).
 */
export class GroupMemberships {
  private readonly members = new Map<string, GroupMembership>();

  joined(groupId: string, memberId: string, partitions: Readonly<Record<string, readonly number[]>>): void {
    const sorted = Object.fromEntries(
      Object.entries(partitions).map(([topic, ps]) => [topic, [...ps].sort((a, b) => a - b)]),
    );
    this.members.set(groupId, { groupId, memberId, partitions: sorted, joinedAt: new Date().toISOString() });
  }

  /** A rebalance or a stop: until the next join this member owns nothing. */
  left(groupId: string): void {
    this.members.set(groupId, { groupId, memberId: null, partitions: {}, joinedAt: null });
  }

  of(groupId: string): GroupMembership {
    return this.members.get(groupId) ?? { groupId, memberId: null, partitions: {}, joinedAt: null };
  }

  all(): GroupMembership[] {
    return [...this.members.values()];
  }
}
