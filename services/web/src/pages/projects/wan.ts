/** 万元 as the district writes it: whole numbers with thousands separators (120,000). */
export function formatWan(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('zh-CN');
}
