import type { ReactNode } from 'react';
import { Typography } from 'antd';

/**
 * A plain list of lines with light separators (Ant Design 6 deprecates its List; its Listy is a
 * virtual list, more than a handful of lines needs).
 */
export function Lines<T>({ items, render, header, empty }: { items: readonly T[]; render(item: T, index: number): ReactNode; header?: ReactNode; empty?: ReactNode }) {
  return (
    <div>
      {header ? <div style={{ padding: '6px 0', fontWeight: 500 }}>{header}</div> : null}
      {items.length === 0 && empty ? <Typography.Text type="secondary">{empty}</Typography.Text> : null}
      {items.map((item, i) => (
        <div key={i} style={{ padding: '6px 0', borderTop: i === 0 && !header ? 'none' : '1px solid #f0f0f0' }}>
          {render(item, i)}
        </div>
      ))}
    </div>
  );
}
