import type { CSSProperties } from 'react';
import { theme } from 'antd';
import type { Day } from '../../api/calendar.ts';
import { usePhone } from '../../layout/use-phone.ts';

type T = (zh: string, en: string) => string;

/** A day's kind in words: 工作日, 休息日, 法定节假日（国庆节）, 调休上班. */
export function kindLabel(day: Day, t: T): string {
  switch (day.kind) {
    case 'workday':
      return t('工作日', 'Workday');
    case 'weekend':
      return t('休息日', 'Rest day');
    case 'holiday':
      return day.name ? t(`法定节假日（${day.name}）`, `Holiday (${day.name})`) : t('法定节假日', 'Holiday');
    case 'makeup_workday':
      return t('调休上班', 'Make-up workday');
  }
}

/** The same in two or three characters, for a phone's narrow cell (the whole label is its accessible name). */
function shortLabel(day: Day, t: T): string {
  switch (day.kind) {
    case 'workday':
      return t('工作', 'Work');
    case 'weekend':
      return t('休息', 'Off');
    case 'holiday':
      return day.name && day.name.length <= 3 ? day.name : t('节假', 'Hol.');
    case 'makeup_workday':
      return t('调休', 'Make-up');
  }
}

/** Monday first, as Chinese calendars are. */
const WEEKDAYS: Array<[string, string]> = [
  ['一', 'Mon'],
  ['二', 'Tue'],
  ['三', 'Wed'],
  ['四', 'Thu'],
  ['五', 'Fri'],
  ['六', 'Sat'],
  ['日', 'Sun'],
];

const GRID: CSSProperties = { display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 4 };

type Props = { year: number; month: number; days: Day[]; selected: string | null; onSelect(date: string): void; t: T };

/**
 * One month of the calendar as a grid of days, each coloured and labelled by its kind; a day an
 * admin declared has a dashed frame and says 手工声明. Pressing a day selects it.
 */
export function CalendarMonth({ year, month, days, selected, onSelect, t }: Props) {
  const { token } = theme.useToken();
  const phone = usePhone();
  const prefix = `${year}-${String(month).padStart(2, '0')}-`;
  const inMonth = days.filter((d) => d.date.startsWith(prefix));
  // Blank cells before the 1st, so that it sits under its weekday.
  const lead = (new Date(Date.UTC(year, month - 1, 1)).getUTCDay() + 6) % 7;
  const background: Record<Day['kind'], string> = {
    workday: token.colorBgContainer,
    weekend: token.colorFillTertiary,
    holiday: token.colorErrorBg,
    makeup_workday: token.colorWarningBg,
  };
  return (
    <div data-testid="calendar-month">
      <div style={{ ...GRID, marginBottom: 4 }} aria-hidden>
        {WEEKDAYS.map(([zh, en]) => (
          <div key={zh} style={{ textAlign: 'center', color: token.colorTextSecondary, fontSize: 12 }}>
            {t(zh, en)}
          </div>
        ))}
      </div>
      <div style={GRID}>
        {Array.from({ length: lead }, (_, i) => (
          <div key={`lead-${i}`} />
        ))}
        {inMonth.map((day) => {
          const label = `${day.date} ${kindLabel(day, t)}${day.declared ? ` ${t('手工声明', 'declared')}` : ''}`;
          return (
            <button
              key={day.date}
              type="button"
              data-date={day.date}
              data-kind={day.kind}
              data-declared={day.declared}
              aria-label={label}
              aria-pressed={selected === day.date}
              title={label}
              onClick={() => onSelect(day.date)}
              style={{
                minWidth: 0,
                minHeight: phone ? 56 : 72,
                padding: phone ? '4px 2px' : '6px 8px',
                textAlign: phone ? 'center' : 'left',
                font: 'inherit',
                fontSize: phone ? 11 : 13,
                lineHeight: 1.3,
                cursor: 'pointer',
                overflow: 'hidden',
                overflowWrap: 'anywhere',
                color: token.colorText,
                background: background[day.kind],
                border: day.declared ? `2px dashed ${token.colorPrimary}` : `1px solid ${token.colorBorderSecondary}`,
                borderRadius: token.borderRadiusSM,
                boxShadow: selected === day.date ? `0 0 0 2px ${token.colorPrimaryBorderHover}` : 'none',
              }}
            >
              <div style={{ fontSize: phone ? 14 : 16, fontWeight: 600 }}>{Number(day.date.slice(8))}</div>
              <div>{phone ? shortLabel(day, t) : kindLabel(day, t)}</div>
              {day.declared ? <div style={{ color: token.colorPrimary, fontSize: phone ? 10 : 12 }}>{phone ? t('声明', 'decl.') : t('手工声明', 'Declared')}</div> : null}
            </button>
          );
        })}
      </div>
    </div>
  );
}
