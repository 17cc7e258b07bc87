import type { Answer, PublicFigures as PublicFiguresAnswer } from '@huiyin/contract';
import { get } from './client.ts';

export type PublicFigures = Answer<typeof PublicFiguresAnswer>;

/** 政务公开: open to anyone, no session (services/api/src/routes/public.ts). */
export const publicApi = {
  figures: () => get<PublicFigures>('/api/v1/public/figures'),
  xlsxUrl: '/api/v1/public/figures.xlsx',
};
