import { MAIL_DOMAIN } from './district.ts';
import type { Namer } from './names.ts';
import type { PhoneBook } from './phones.ts';
import type { DemoLeader, DemoOfficial, DemoRole, DemoUnit } from './types.ts';
import { unitKey } from './units.ts';

type People = { namer: Namer; phones: PhoneBook };

/** The login of a unit's head, e.g. `unit01-head`. */
export function unitHeadLogin(key: string): string {
  return `${key}-head`;
}

function official(login: string, name: string, roles: DemoRole[], phones: PhoneBook): DemoOfficial {
  return { login, name, roles, email: `${login}@${MAIL_DOMAIN}`, phone: phones.next() };
}

/**
 * Every staff account: one per leader (`leader01`), per unit a head (`unit01-head`) and two
 * handlers (`unit01-h1`, `unit01-h2`), two dispatchers at the service centre, two supervisors
 * at the supervision office, and `admin`.
 */
export function buildOfficials(leaders: readonly DemoLeader[], units: readonly DemoUnit[], { namer, phones }: People): DemoOfficial[] {
  const out: DemoOfficial[] = [];
  for (const leader of leaders) {
    out.push({ ...official(leader.key, leader.name, ['leader'], phones), leaderKey: leader.key });
  }
  for (const unit of units) {
    out.push({ ...official(unitHeadLogin(unit.key), namer.person(), ['unit_head'], phones), unitKey: unit.key });
    for (const n of [1, 2]) {
      out.push({ ...official(`${unit.key}-h${n}`, namer.person(), ['handler'], phones), unitKey: unit.key });
    }
  }
  for (const n of [1, 2]) {
    out.push({ ...official(`dispatcher${n}`, namer.person(), ['dispatcher'], phones), unitKey: unitKey('serviceCentre') });
  }
  for (const n of [1, 2]) {
    out.push({ ...official(`supervisor${n}`, namer.person(), ['supervisor'], phones), unitKey: unitKey('supervision') });
  }
  out.push(official('admin', '系统管理员', ['admin'], phones));
  return out;
}
