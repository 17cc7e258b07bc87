import type { Answer, GovernanceTask as GovernanceTaskAnswer } from '@huiyin/contract';
import { post } from './client.ts';

export type GovernanceTask = Answer<typeof GovernanceTaskAnswer>;

/** 立为治理任务: one 督办单 of kind governance for a unit, covering a cluster's issues (docs/domain.md#supervision-orders). */
export const issueGovernanceTask = (body: { issueIds: string[]; unitId: string; title: string; note: string }) => post<GovernanceTask>('/api/v1/problem-clusters/governance-tasks', body);
