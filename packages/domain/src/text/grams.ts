/**
 * A "word character" of search and similarity: an ASCII letter or digit, or a CJK ideograph
 * (Extension A, the basic block, the compatibility ideographs). Code points only, so the rule is
 * the same in PostgreSQL under any locale (`issue_grams`, migration T24) as here.
 */
const WORD = /^[0-9a-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/;

/**
 * The character bigrams of a text: each run of word characters gives its overlapping pairs, a run
 * of one gives itself; ASCII lower-cased, distinct, sorted. The same as SQL's `issue_grams(text)`.
 * Chinese needs no segmenter this way: 线路故障 gives 线路 路故 故障.
 */
export function textGrams(text: string): string[] {
  const grams = new Set<string>();
  let run: string[] = [];
  const end = () => {
    if (run.length === 1) grams.add(run[0]!);
    for (let i = 0; i + 1 < run.length; i++) grams.add(run[i]! + run[i + 1]!);
    run = [];
  };
  for (const ch of text.replace(/[A-Z]/g, (c) => c.toLowerCase())) {
    if (WORD.test(ch)) run.push(ch);
    else end();
  }
  end();
  return [...grams].sort();
}

/** Dice's coefficient of two gram sets: 2·|A∩B| ÷ (|A|+|B|), 0 when both are empty. */
export function gramSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (!a.size && !b.size) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared += 1;
  return (2 * shared) / (a.size + b.size);
}
