import { DEMO_PASSWORD, buildDemoDistrict } from './seed/data/index.ts';

/** The demo's sign-ins worth trying, one per role, as a printable table. */
export function demoLoginsTable(): string {
  const d = buildDemoDistrict({ issueCount: 0 });
  const a = d.assignments[0];
  const ent = d.enterprises.find((e) => e.key === a?.enterpriseKey);
  const unit = d.units.find((u) => u.key === a?.unitKey);
  const leader = d.leaders.find((l) => l.key === a?.leaderKey);
  const rows: Array<[string, string, string]> = [
    ['enterprise (重点企业)', ent?.login ?? 'ent001', ent?.name ?? ''],
    ['handler (承办人)', `${a?.unitKey}-h1`, unit?.name ?? ''],
    ['unit head (单位负责人)', a?.unitHeadLogin ?? '', unit?.name ?? ''],
    ['leader (分包领导)', a?.leaderKey ?? '', `${leader?.name ?? ''} ${leader?.title ?? ''}`],
    ['dispatcher (营商办)', 'dispatcher1', '区营商环境服务中心'],
    ['supervisor (督查)', 'supervisor1', '区委督查室'],
    ['admin', 'admin', ''],
  ];
  const width = Math.max(...rows.map((r) => r[0].length)) + 2;
  return [
    `Demo logins (password for all: ${DEMO_PASSWORD})`,
    ...rows.map(([role, login, note]) => `  ${role.padEnd(width)}${login.padEnd(16)}${note}`),
    `  Other accounts: ent001–ent100, unit01-head … unit25-head, unit01-h1/-h2 …, leader01 … leader15.`,
  ].join('\n');
}
