import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Empty, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { workCalendar, type Day } from '../../api/calendar.ts';
import { ProblemAlert, problemText } from '../../components/problem-alert.tsx';
import { useLoad } from '../../components/use-load.ts';
import { useLocale } from '../../i18n/locale.tsx';
import { CalendarMonth, kindLabel } from './calendar-month.tsx';
import { DeclareDaysForm, recomputeText } from './declare-days-form.tsx';

type T = (zh: string, en: string) => string;

/** Today in Shanghai, `YYYY-MM-DD`, whatever the browser's zone. */
const shanghaiToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

/** The API's range of dates. */
const YEARS = Array.from({ length: 100 }, (_, i) => 2000 + i);

/** The day the page opens on: the 1st of `?month=YYYY-MM` (a link to a month), else today. */
function openingDay(month: string | null): string {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month ?? '');
  return m && YEARS.includes(Number(m[1])) ? `${m[1]}-${m[2]}-01` : shanghaiToday();
}

/** 撤销 with a confirm: the date is again as the built-in calendar has it. */
function WithdrawButton({ day, t, withdrawn }: { day: Day; t: T; withdrawn(day: Day, text: string): void }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <Space orientation="vertical" size={4}>
      <Popconfirm
        title={t(`撤销 ${day.date} 的声明？`, `Withdraw the declaration of ${day.date}?`)}
        description={t('该日恢复为内置日历的安排，在办事项的时限将重算。', 'The day reverts to the built-in calendar; open due times are recomputed.')}
        okText={t('撤销', 'Withdraw')}
        cancelText={t('保留', 'Keep')}
        onConfirm={() =>
          workCalendar.withdraw(day.date).then(
            (answer) => (setError(null), withdrawn(day, recomputeText(answer, t))),
            (e: unknown) => setError(problemText(e)),
          )
        }
      >
        <Button danger data-withdraw={day.date}>
          {t('撤销', 'Withdraw')}
        </Button>
      </Popconfirm>
      {error ? <Alert type="error" showIcon title={error} /> : null}
    </Space>
  );
}

/**
 * 工作日历 (admin): a month of the chosen year with each day's kind (the built-in chinese-days data
 * with the declared days over it), the selected day's details, the year's declared days with 撤销,
 * and a form to declare a day or a range of days a holiday or a make-up workday.
 */
export default function WorkCalendarPage() {
  const { t } = useLocale();
  const [params] = useSearchParams();
  const start = openingDay(params.get('month'));
  const [year, setYear] = useState(Number(start.slice(0, 4)));
  const [month, setMonth] = useState(Number(start.slice(5, 7)));
  const [selected, setSelected] = useState<string | null>(start);
  const [refresh, setRefresh] = useState(0);
  const [withdrawnText, setWithdrawnText] = useState<string | null>(null);
  const days = useLoad(() => workCalendar.days(`${year}-01-01`, `${year}-12-31`), [year, refresh]);
  const items = days.data?.items ?? [];
  const chosen = items.find((d) => d.date === selected);
  const declared = items.filter((d) => d.declared);
  const show = (date: string) => {
    setYear(Number(date.slice(0, 4)));
    setMonth(Number(date.slice(5, 7)));
    setSelected(date);
  };
  const step = (by: number) => {
    const m = year * 12 + (month - 1) + by;
    if (m < 2000 * 12 || m >= 2100 * 12) return;
    setYear(Math.floor(m / 12));
    setMonth((m % 12) + 1);
  };
  const withdrawn = (day: Day, text: string) => {
    setWithdrawnText(t(`已撤销 ${day.date} 的声明。${text}`, `Withdrew ${day.date}. ${text}`));
    setRefresh((n) => n + 1);
  };
  const declaredDone = (first: string) => {
    setWithdrawnText(null);
    show(first);
    setRefresh((n) => n + 1);
  };
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('工作日历', 'Working calendar')}>
        {days.error ? <ProblemAlert error={days.error} /> : null}
        {withdrawnText ? <Alert type="success" showIcon title={withdrawnText} style={{ marginBottom: 12 }} data-testid="withdraw-result" /> : null}
        <Space wrap style={{ marginBottom: 12 }}>
          <Button icon={<LeftOutlined />} aria-label={t('上个月', 'Previous month')} onClick={() => step(-1)} />
          <Select
            id="calendar-year"
            aria-label={t('年份', 'Year')}
            value={year}
            onChange={setYear}
            showSearch
            options={YEARS.map((y) => ({ value: y, label: t(`${y} 年`, String(y)) }))}
            style={{ width: 110 }}
          />
          <Select
            id="calendar-pick-month"
            aria-label={t('月份', 'Month')}
            value={month}
            onChange={setMonth}
            options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: t(`${i + 1} 月`, `Month ${i + 1}`) }))}
            style={{ width: 96 }}
          />
          <Button icon={<RightOutlined />} aria-label={t('下个月', 'Next month')} onClick={() => step(1)} />
        </Space>
        <CalendarMonth year={year} month={month} days={items} selected={selected} onSelect={setSelected} t={t} />
        {chosen ? (
          <Descriptions size="small" column={1} bordered style={{ marginTop: 16 }} data-testid="calendar-day">
            <Descriptions.Item label={t('日期', 'Date')}>{chosen.date}</Descriptions.Item>
            <Descriptions.Item label={t('类型', 'Kind')}>
              <Space wrap>
                {kindLabel(chosen, t)}
                {chosen.declared ? <Tag color="blue">{t('手工声明', 'Declared')}</Tag> : <Tag>{t('内置日历', 'Built-in')}</Tag>}
              </Space>
            </Descriptions.Item>
            {chosen.declared ? (
              <Descriptions.Item label={t('操作', 'Action')}>
                <WithdrawButton day={chosen} t={t} withdrawn={withdrawn} />
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        ) : null}
      </Card>
      <Card title={t(`${year} 年手工声明的日期`, `Days declared in ${year}`)}>
        {declared.length === 0 ? (
          <Empty description={t('本年没有手工声明的日期：按内置日历计算', 'None: the built-in calendar applies')} />
        ) : (
          <Table<Day>
            rowKey="date"
            size="small"
            dataSource={declared}
            pagination={false}
            data-testid="declared-days"
            columns={[
              {
                title: t('日期', 'Date'),
                dataIndex: 'date',
                render: (date: string) => (
                  <Button type="link" onClick={() => show(date)} style={{ padding: 0 }}>
                    {date}
                  </Button>
                ),
              },
              { title: t('类型', 'Kind'), key: 'kind', render: (_: unknown, d: Day) => kindLabel(d, t) },
              { title: '', key: 'withdraw', render: (_: unknown, d: Day) => <WithdrawButton day={d} t={t} withdrawn={withdrawn} /> },
            ]}
          />
        )}
      </Card>
      <Card title={t('声明节假日或调休上班', 'Declare holidays or make-up workdays')}>
        <DeclareDaysForm t={t} declared={declaredDone} />
      </Card>
    </Space>
  );
}
