/** Text made safe inside HTML (element content and quoted attributes). */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Text as a CSS string literal (for `content:` in the page's margin boxes). */
const cssString = (text: string) => `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', ' ')}"`;

/** A cell: plain text (escaped) or markup already made safe. */
export type PrintCell = string | number | null | undefined | { html: string };

const cell = (c: PrintCell) => (c !== null && typeof c === 'object' ? c.html : esc(c ?? '—'));

/**
 * A table whose header row repeats on every printed page (a `thead` is a table-header-group),
 * rows kept whole across page breaks. `testId` marks it for counting rows.
 */
export function printTable(headers: string[], rows: PrintCell[][], options: { testId?: string; empty?: string } = {}): string {
  if (!rows.length) return `<p class="empty">${esc(options.empty ?? '无')}</p>`;
  const id = options.testId ? ` data-testid="${esc(options.testId)}"` : '';
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table${id}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export type PrintPageOptions = {
  /** The document's title: the page's heading and the running header. */
  title: string;
  /** What it covers (the period, or the moment it was read), after the title in the running header. */
  subtitle: string;
  /** The body: sections already made safe. */
  body: string;
  /** Paper orientation. @defaultValue 'landscape' */
  orientation?: 'landscape' | 'portrait';
};

/**
 * A whole document for the printer, rendered by the server so nothing depends on what a screen
 * page had loaded: every page carries the title and period at its top and 第 n 页，共 m 页 at its
 * foot (CSS paged media margin boxes), table headers repeat, and rows are not cut across pages.
 * The toolbar (screen only) has a 打印 button wired by the console's static /print-view.js, as
 * the API's content security policy allows no inline script.
 */
export function printPage(options: PrintPageOptions): string {
  const running = `${options.title} · ${options.subtitle}`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(running)}</title>
<style>
@page {
  size: A4 ${options.orientation ?? 'landscape'};
  margin: 16mm 10mm 14mm;
  @top-center { content: ${cssString(running)}; font-size: 9pt; color: #555; }
  @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 9pt; color: #555; }
}
body { font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; font-size: 10.5pt; color: #000; margin: 0 auto; padding: 12px; max-width: 1400px; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 4px; }
.subtitle { text-align: center; color: #444; margin: 0 0 12px; }
h2 { font-size: 12pt; margin: 16px 0 6px; border-left: 4px solid #b71c1c; padding-left: 6px; break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin-bottom: 8px; }
th, td { border: 1px solid #999; padding: 3px 5px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f0f0f0; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.group td { background: #fafafa; font-weight: 600; }
.note { color: #444; font-size: 9.5pt; }
.empty { color: #666; }
.toolbar { display: flex; gap: 12px; align-items: center; justify-content: flex-end; margin-bottom: 8px; }
.toolbar button { font-size: 14px; padding: 6px 16px; min-height: 40px; cursor: pointer; }
@media screen and (max-width: 760px) { body { padding: 6px; } .sheet { overflow-x: auto; } }
@media print { .toolbar { display: none; } body { padding: 0; max-width: none; } }
</style>
</head>
<body>
<div class="toolbar"><span class="note">打印全部内容（每页页眉含标题与期间，页脚含页码）</span><button type="button" id="print-now">打印</button></div>
<h1>${esc(options.title)}</h1>
<p class="subtitle">${esc(options.subtitle)}</p>
<div class="sheet">
${options.body}
</div>
<script src="/print-view.js"></script>
</body>
</html>
`;
}
