import { describe, expect, test } from '@jest/globals';
import { GroupMemberships } from './group-memberships.js';

describe('GroupMemberships', () => {
  test('keeps each group member’s last assignment, sorted, and forgets it on a rebalance', () => {
    const memberships = new GroupMemberships();
    expect(memberships.of('label-worker')).toMatchObject({ memberId: null, partitions: {} });
    memberships.joined('label-worker', 'm-1', { 'shipping.label-tasks': [4, 0, 2] });
    expect(memberships.of('label-worker')).toMatchObject({
      memberId: 'm-1',
      partitions: { 'shipping.label-tasks': [0, 2, 4] },
      joinedAt: expect.any(String),
    });
    memberships.left('label-worker');
    expect(memberships.of('label-worker')).toMatchObject({ memberId: null, partitions: {}, joinedAt: null });
    expect(memberships.all().map((m) => m.groupId)).toEqual(['label-worker']);
  });
});
