import type { Role } from '@huiyin/domain';
import type { BulletinContent } from './build-bulletin.ts';
import { percent } from './rate.ts';
import type { ScoreRow } from './score-rows.ts';

function rowLines(kind: string, r: ScoreRow): string[] {
  const place = r.rank !== null ? `第 ${r.rank} 名，得分 ${r.score}` : `未参与排名（${r.issues} 件）`;
  return [
    `${kind}「${r.name}」：${place}；响应率 ${percent(r.response)}，解决率 ${percent(r.resolution)}，满意率 ${percent(r.satisfaction)}，退单率 ${percent(r.returnRate)}，重办率 ${percent(r.redoRate)}。`,
    ...r.causes.map((c) => `  失分：${c.text}`),
    ...r.excluded.map((e) => `  经申诉不计：${e.number} ${e.title}`),
  ];
}

/** The signed ledger checkpoint frozen with the bulletin, if any: mailed, so it cannot be taken back quietly. */
function checkpointLines(section: unknown): string[] {
  const c = section as { id?: unknown; head?: unknown; keyId?: unknown } | undefined;
  if (typeof c?.head !== 'string' || typeof c.keyId !== 'string') return [];
  return [`办件台账签名检查点 #${String(c.id)}：${c.head}（签名密钥 ${c.keyId}），可用 huiyin-ledger-verify 核验台账未被改写。`];
}

/**
 * The bulletin mail of one official (pure): the totals, the 红黑榜, and the lines of their own
 * unit or leader with the issues that cost points.
 */
export function bulletinMail(content: BulletinContent, official: { name: string; roles: readonly Role[]; unitId: string | null; leaderId: string | null }): { subject: string; text: string } {
  const t = content.totals;
  const own: string[] = [];
  if (official.unitId && official.roles.includes('unit_head')) {
    const r = content.units.find((u) => u.id === official.unitId);
    if (r) own.push(...rowLines('本单位', r));
  }
  if (official.leaderId && official.roles.includes('leader')) {
    const r = content.leaders.find((l) => l.id === official.leaderId);
    if (r) own.push(...rowLines('分包领导', r));
  }
  return {
    subject: `【每半月汇总通报】${content.period.label}`,
    text: [
      `${official.name}：`,
      `${content.period.label}汇总通报已生成。本期受理 ${t.filed} 件，签收 ${t.claimed} 件，答复办结 ${t.resolved} 件，销号 ${t.closed} 件，超期 ${t.overdue} 件，红牌 ${t.redCards} 件，提级督办 ${t.escalated} 件。`,
      content.redBlack.red.length ? `红榜：${content.redBlack.red.map((r) => `${r.name}（${r.score}）`).join('、')}` : '',
      content.redBlack.black.length ? `黑榜：${content.redBlack.black.map((r) => `${r.name}（${r.score}）`).join('、')}` : '',
      ...(own.length ? ['', ...own] : []),
      '',
      ...checkpointLines(content.sections['ledgerCheckpoint']),
      '各项比率的计算口径见通报页面。',
    ]
      .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''))
      .join('\n'),
  };
}
