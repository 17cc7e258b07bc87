import type { Namer } from './names.ts';
import type { DemoLeader } from './types.ts';

/** The four leading bodies (区委, 区政府, 区人大, 区政协) all take key enterprises. */
const TITLES = [
  '区委副书记、区长',
  '区委副书记',
  '区委常委、常务副区长',
  '区委常委、区委办公室主任',
  '区委常委、宣传部部长',
  '区委常委、统战部部长',
  '区委常委、副区长',
  '副区长',
  '副区长',
  '副区长',
  '副区长',
  '区人大常委会副主任',
  '区人大常委会副主任',
  '区政协副主席',
  '区政协副主席',
] as const;

function leaderKey(index: number): string {
  return `leader${String(index + 1).padStart(2, '0')}`;
}

export function buildLeaders(namer: Namer): DemoLeader[] {
  return TITLES.map((title, i) => ({ key: leaderKey(i), name: namer.person(), title }));
}

/** Leaders of the district government; they take the issues of enterprises with no assignment. */
export function governmentLeaderKeys(leaders: readonly DemoLeader[]): string[] {
  return leaders.filter((l) => l.title.includes('区长')).map((l) => l.key);
}
