import { makeCreditCode } from '@huiyin/domain';
import { CITY_NAME, DISTRICT_NAME, DIVISION_CODE, MAIL_DOMAIN, makeAddress } from './district.ts';
import { INDUSTRIES, type Industry } from './industries.ts';
import type { Namer } from './names.ts';
import type { PhoneBook } from './phones.ts';
import { chance, pick, pickWeighted, type Rng } from './prng.ts';
import type { DemoContact, DemoEnterprise } from './types.ts';

const KEY_ENTERPRISE_COUNT = 85;
const OTHER_ENTERPRISE_COUNT = 15;

/** Uncommon characters, so that trade names read as invented. */
const BRAND_FIRST = [...'澄岚珩曜昇璟崧骁湛砚岱沅朔翊棠钧烨琮蔚汀'];
const BRAND_SECOND = [...'拓晟衡禾铭峯越泓舟岳维凌原麟策屹瀚砺璞弘'];
/** Pairs that are real brands or places. */
const BRAND_EXCLUDED = new Set(['曜越', '岱岳']);
const FORMS: readonly (readonly [string, number])[] = [
  ['有限公司', 7],
  ['股份有限公司', 2],
  ['集团有限公司', 1],
];
/** GB 32100 characters; an organisation body avoids I, O, S, V and Z. */
const BODY_CHARS = [...'0123456789ABCDEFGHJKLMNPQRTUWXY'];
const DIGITS = BODY_CHARS.slice(0, 10);
const FIRST_CONTACT_ROLES = ['总经理', '法定代表人', '董事长', '常务副总经理'];
const OTHER_CONTACT_ROLES = ['办公室主任', '行政部经理', '财务总监', '项目经理', '综合部部长', '人力资源部经理'];

type Deps = { rng: Rng; namer: Namer; phones: PhoneBook };

function entKey(index: number): string {
  return `ent${String(index + 1).padStart(3, '0')}`;
}

/** Place, trade name (字号, never reused), industry, legal form: 临澜砚铭智能装备有限公司. */
function makeName(rng: Rng, industry: Industry, usedBrands: Set<string>): string {
  for (;;) {
    const brand = pick(rng, BRAND_FIRST) + pick(rng, BRAND_SECOND);
    if (BRAND_EXCLUDED.has(brand) || usedBrands.has(brand)) continue;
    usedBrands.add(brand);
    const place = chance(rng, 0.7) ? CITY_NAME.slice(0, 2) : DISTRICT_NAME.slice(0, 2);
    return place + brand + pick(rng, industry.nameWords) + pickWeighted(rng, FORMS);
  }
}

/** Newer codes carry an `MA…` body as issued since 2015; older ones keep an all-digit one. */
function makeCode(rng: Rng, used: Set<string>): string {
  for (;;) {
    const body = chance(rng, 0.6) ? `MA${Array.from({ length: 6 }, () => pick(rng, BODY_CHARS)).join('')}` : Array.from({ length: 8 }, () => pick(rng, DIGITS)).join('');
    const code = makeCreditCode('91', DIVISION_CODE, body);
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

function makeContacts(key: string, { rng, namer, phones }: Deps): DemoContact[] {
  const roles = [pick(rng, FIRST_CONTACT_ROLES)];
  if (chance(rng, 0.6)) roles.push(pick(rng, OTHER_CONTACT_ROLES));
  return roles.map((role, i) => ({ name: namer.person(), role, phone: phones.next(), email: `${key}.c${i + 1}@${MAIL_DOMAIN}` }));
}

/** 85 key enterprises (`ent001`–`ent085`), then 15 others (`ent086`–`ent100`). */
export function buildEnterprises(deps: Deps): DemoEnterprise[] {
  const { rng } = deps;
  const brands = new Set<string>();
  const codes = new Set<string>();
  return Array.from({ length: KEY_ENTERPRISE_COUNT + OTHER_ENTERPRISE_COUNT }, (_, i) => {
    const key = entKey(i);
    const isKey = i < KEY_ENTERPRISE_COUNT;
    const industry = pickWeighted(
      rng,
      INDUSTRIES.map((ind) => [ind, isKey ? ind.keyWeight : ind.otherWeight] as const),
    );
    return {
      key,
      name: makeName(rng, industry, brands),
      creditCode: makeCode(rng, codes),
      isKey,
      industry: industry.name,
      address: makeAddress(rng),
      contacts: makeContacts(key, deps),
      login: key,
    };
  });
}
