/** An industry, the words an enterprise of it puts in its name, and how common it is. */
export type Industry = { name: string; nameWords: readonly string[]; keyWeight: number; otherWeight: number };

/** After the district's "432" industrial system (docs/domain.md#demo-data), plus the district's everyday trades. */
export const INDUSTRIES: readonly Industry[] = [
  { name: '先进装备制造', nameWords: ['智能装备', '重工机械', '精密机械', '装备制造', '轴承'], keyWeight: 16, otherWeight: 2 },
  { name: '新材料', nameWords: ['新材料科技', '特种合金', '耐火材料', '高分子材料'], keyWeight: 12, otherWeight: 1 },
  { name: '大数据', nameWords: ['数据科技', '云计算', '信息技术', '数字科技'], keyWeight: 10, otherWeight: 2 },
  { name: '生物医药', nameWords: ['生物科技', '制药', '医疗器械', '生物工程'], keyWeight: 9, otherWeight: 1 },
  { name: '电子商务', nameWords: ['电子商务', '网络科技', '供应链管理'], keyWeight: 6, otherWeight: 4 },
  { name: '现代金融', nameWords: ['融资担保', '金融服务', '融资租赁'], keyWeight: 4, otherWeight: 1 },
  { name: '文化旅游', nameWords: ['文化旅游发展', '文化传媒', '旅游开发'], keyWeight: 6, otherWeight: 3 },
  { name: '商贸物流', nameWords: ['物流', '商贸', '仓储物流'], keyWeight: 7, otherWeight: 4 },
  { name: '建筑业', nameWords: ['建设工程', '建筑安装', '市政工程'], keyWeight: 6, otherWeight: 2 },
  { name: '食品加工', nameWords: ['食品', '农产品加工', '饮品'], keyWeight: 5, otherWeight: 4 },
  { name: '科技服务', nameWords: ['检测技术', '科技服务', '工程技术'], keyWeight: 4, otherWeight: 2 },
];
