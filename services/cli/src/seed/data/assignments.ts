import { unitHeadLogin } from './officials.ts';
import { itemAt, shuffle, type Rng } from './prng.ts';
import type { DemoAssignment, DemoEnterprise, DemoLeader } from './types.ts';

/**
 * 分包制: deals the key enterprises out round-robin in a shuffled order, so that each leader
 * gets ⌊n/leaders⌋ or one more (85 over 15: five or six) and each unit likewise. In enterprise
 * key order.
 */
export function buildAssignments(rng: Rng, enterprises: readonly DemoEnterprise[], leaders: readonly DemoLeader[], unitKeys: readonly string[]): DemoAssignment[] {
  const keyEnterprises = shuffle(
    rng,
    enterprises.filter((e) => e.isKey),
  );
  const leaderOrder = shuffle(rng, leaders);
  const unitOrder = shuffle(rng, unitKeys);
  return keyEnterprises
    .map((enterprise, i) => {
      const unitKey = itemAt(unitOrder, i % unitOrder.length);
      return {
        enterpriseKey: enterprise.key,
        leaderKey: itemAt(leaderOrder, i % leaderOrder.length).key,
        unitKey,
        unitHeadLogin: unitHeadLogin(unitKey),
      };
    })
    .sort((a, b) => a.enterpriseKey.localeCompare(b.enterpriseKey));
}
