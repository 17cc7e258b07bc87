import { useEffect } from 'react';

/** The text of each header cell, one entry per column it spans, so a body cell finds its own by index. */
function headerLabels(wrapper: Element): string[] {
  const rows = wrapper.querySelectorAll('thead tr');
  // Grouped headers (more than one row) are left unlabelled rather than labelled wrongly.
  const [row] = rows;
  if (rows.length !== 1 || !row) return [];
  return [...row.querySelectorAll('th')].flatMap((th) => Array<string>(th.colSpan || 1).fill(th.textContent?.trim() ?? ''));
}

function label(root: Element): void {
  for (const wrapper of root.querySelectorAll('.ant-table-wrapper')) {
    const labels = headerLabels(wrapper);
    for (const row of wrapper.querySelectorAll('tbody tr.ant-table-row')) {
      let column = 0;
      for (const cell of row.querySelectorAll<HTMLTableCellElement>(':scope > td')) {
        const text = labels[column] ?? '';
        if (text && cell.dataset['label'] !== text) cell.dataset['label'] = text;
        column += cell.colSpan || 1;
      }
    }
  }
}

/**
 * On a phone every Ant Design table shows its rows as cards (styles.css), each value beside its
 * column's title. The titles are copied from the header onto the cells here, once for every table
 * on every page, rather than in each of the console's many column lists.
 */
export function useCardTables(phone: boolean): void {
  useEffect(() => {
    if (!phone) return;
    let frame = 0;
    const run = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => label(document.body));
    };
    run();
    // Only added or removed nodes matter: the labels it writes (attributes) do not wake it again.
    const observer = new MutationObserver(run);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [phone]);
}
