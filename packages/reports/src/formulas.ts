/**
 * The published formulas, word for word as the bulletin page, the XLSX and the README give them.
 * Bump `FORMULA_VERSION` when a definition changes: each snapshot records the version it used.
 */
export const FORMULA_VERSION = 3;

export const FORMULAS = {
  response:
    '响应率 = 按时签收件数 ÷ 应签收件数。应签收：签收时限落在本期内、且截至生成时已到期的签收（已签收的按签收时记录的结果，逾期仍未签收的计为未按时）。服务中心的响应为列单派单：按时列单派单件数 ÷ 应列单派单件数，同一口径。',
  resolution: '解决率 = 按时办结件数 ÷ 应办结件数。应办结：办理时限落在本期内、且截至生成时已到期的答复（已答复的按答复送达企业时记录的结果，逾期仍未答复且未暂停计时的计为未按时）。',
  satisfaction: '满意率 =（满意 + 基本满意）件数 ÷ 企业评价件数。评价：本期内企业作出的评价（超时未评价、销号不计）。',
  returnRate: '退单率 = 退单件数 ÷（签收件数 + 退单件数），均按本期内发生计；经裁定退单成立（改派）的不计。',
  redoRate: '重办率 = 因不满意重办件数 ÷ 本期答复件数。',
  firstContactRate: '先行联系及时率 = 签收后按时限先行联系企业的件数 ÷ 本期应先行联系并已联系的件数（不计入综合得分）。',
  score: '综合得分 = 100 ×（0.3 × 响应率 + 0.4 × 解决率 + 0.3 × 满意率），无应计件数的项不计并按其余权重折算。',
  ranking: '参与排名：本期应签收、应办结与评价涉及的诉求合计不少于最低件数；不足者列示不排名。红榜取得分前五，黑榜取得分后五（各不超过参与排名单位数的一半，满分单位不入黑榜）。',
  appeals: '申诉：督查室同意的申诉，该诉求不计入申诉单位的各项比率。',
} as const;

/** Weights of the composite score; a rate with nothing to count is left out and the rest rescaled. */
export const SCORE_WEIGHTS = { response: 0.3, resolution: 0.4, satisfaction: 0.3 } as const;

/** Fewest issues a unit or leader needs in a period to be ranked. @defaultValue 3 */
export const DEFAULT_MIN_ISSUES = 3;
