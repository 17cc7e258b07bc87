import { z } from 'zod';
import { Id, Text } from './common.ts';

/** 主动治理: one task for a unit covering a cluster's issues (同类问题). */
export const GovernanceTaskInput = z.strictObject({
  issueIds: z.array(Id).min(1).max(100).meta({ description: 'The cluster’s issues the task covers (a repeated id counts once)' }),
  unitId: Id.meta({ description: 'The unit that takes it on: the cluster’s lead unit or another' }),
  title: Text(200),
  note: Text(2000).meta({ description: 'What the unit must do and reply on (the order’s required reply)' }),
});
export type GovernanceTaskInput = z.infer<typeof GovernanceTaskInput>;
