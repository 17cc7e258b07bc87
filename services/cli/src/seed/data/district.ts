import { intBetween, pick, type Rng } from './prng.ts';

/** An invented city and district; neither exists. */
export const CITY_NAME = '临澜市';
export const DISTRICT_NAME = '霁川区';
/** An unassigned 6-digit administrative division code (province 41, no prefecture 99). */
export const DIVISION_CODE = '419901';
/** Every official's and contact's mail domain. */
export const MAIL_DOMAIN = 'huiyin.local';

const ROADS = [
  '科技大道',
  '澄湖路',
  '望川路',
  '兴业路',
  '启航路',
  '翠屏路',
  '云锦大道',
  '长泓路',
  '玉兰街',
  '青杉路',
  '岚山路',
  '明德路',
  '汇智路',
  '知行路',
  '凤栖路',
  '金堤路',
  '临川大道',
  '瑞光路',
];
const PARKS = ['霁川高新技术产业开发区', '霁川大数据产业园', '中心商务区', '霁川文创园', '临澜南站物流园'];

/** A road in the district, for addresses and issue texts. */
export function pickRoad(rng: Rng): string {
  return pick(rng, ROADS);
}

export function pickPark(rng: Rng): string {
  return pick(rng, PARKS);
}

export function makeAddress(rng: Rng): string {
  const street = `${pickRoad(rng)}${intBetween(rng, 1, 399)}号`;
  return rng() < 0.5 ? `${CITY_NAME}${DISTRICT_NAME}${pickPark(rng)}${street}` : `${CITY_NAME}${DISTRICT_NAME}${street}`;
}
