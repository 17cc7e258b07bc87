import { Button, Descriptions, Empty, Spin, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { api } from '../../api/endpoints.ts';
import { FourElements } from '../../components/four-elements.tsx';
import { IssueTimeline } from '../../components/issue-timeline.tsx';
import { Lines } from '../../components/lines.tsx';
import { ProblemAlert } from '../../components/problem-alert.tsx';
import { StageTag } from '../../components/stage-tag.tsx';
import { useLoad } from '../../components/use-load.ts';
import { When, formatTime } from '../../components/when.tsx';
import { useLocale } from '../../i18n/locale.tsx';
import { resolvedLabel, satisfactionLabel } from '../../i18n/labels.ts';
import { AnswersCard } from './answers-card.tsx';

/** A CSS string literal for the page's margin boxes. */
const cssText = (s: string) => `"${s.replace(/["\\\n]/g, ' ')}"`;

/**
 * 工单打印: one issue on paper, outside the console's frame — what was asked, the four elements,
 * the whole ledger, the replies and the ratings; each printed page headed by the issue's number
 * and numbered at its foot.
 */
export default function IssuePrint() {
  const { id = '' } = useParams();
  const { lang, t } = useLocale();
  const issue = useLoad(() => api.issue(id), [id]);
  const timeline = useLoad(() => api.timeline(id), [id]);
  if (issue.error || timeline.error) return <ProblemAlert error={issue.error ?? timeline.error} />;
  const i = issue.data;
  const events = timeline.data;
  if (!i || !events) return <Spin />;
  const running = `${t('工单', 'Issue')} ${i.number} · ${i.title}`;
  return (
    <div className="issue-print" data-testid="issue-print">
      <style>{`
        .issue-print { max-width: 960px; margin: 0 auto; padding: 16px; }
        .issue-print h1 { font-size: 20px; text-align: center; margin: 0 0 4px; }
        .issue-print h2 { font-size: 15px; margin: 18px 0 8px; border-left: 4px solid #b71c1c; padding-left: 6px; break-after: avoid; }
        .issue-print section { break-inside: auto; }
        @media print {
          .issue-print { padding: 0; max-width: none; }
          @page {
            size: A4 portrait; margin: 16mm 12mm 14mm;
            @top-center { content: ${cssText(running)}; font-size: 9pt; color: #555; }
            @bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-size: 9pt; color: #555; }
          }
        }
      `}</style>
      <div className="no-print" style={{ textAlign: 'right' }}>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">
          {t('打印', 'Print')}
        </Button>
      </div>
      <h1>{t('工单打印', 'Issue sheet')}</h1>
      <Typography.Paragraph style={{ textAlign: 'center' }} type="secondary">
        {i.number} · {t('打印时间', 'printed')} {formatTime(new Date().toISOString())}
      </Typography.Paragraph>
      <section data-section="诉求">
        <h2>{t('诉求', 'The problem')}</h2>
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('工单号', 'Number')}>{i.number}</Descriptions.Item>
          <Descriptions.Item label={t('状态', 'Stage')}>
            <StageTag stage={i.state} /> {i.statusNote}
          </Descriptions.Item>
          <Descriptions.Item label={t('企业', 'Enterprise')}>{i.enterpriseName}</Descriptions.Item>
          <Descriptions.Item label={t('类别', 'Category')}>{i.categoryName}</Descriptions.Item>
          <Descriptions.Item label={t('提交时间', 'Filed')}>
            <When at={i.filedAt} />
          </Descriptions.Item>
          <Descriptions.Item label={t('标题', 'Title')}>{i.title}</Descriptions.Item>
          <Descriptions.Item label={t('诉求内容', 'Description')} span={2}>
            <div style={{ whiteSpace: 'pre-wrap' }}>{i.description}</div>
          </Descriptions.Item>
        </Descriptions>
      </section>
      <section data-section="四明确">
        {/* FourElements and AnswersCard carry their own headings. */}
        <FourElements issue={i} />
      </section>
      <section data-section="答复">
        {i.replies.length || i.assists.some((a) => a.answer) ? (
          <AnswersCard issue={i} />
        ) : (
          <>
            <h2>{t('答复', 'Replies')}</h2>
            <Empty description={t('尚无答复', 'no reply yet')} />
          </>
        )}
      </section>
      <section data-section="评价">
        <h2>{t('企业评价', 'Ratings')}</h2>
        {i.ratings.length ? (
          <Lines
            items={i.ratings}
            render={(r) => (
              <div>
                {t(`第${r.round}轮`, `Round ${r.round}`)} · {r.resolved ? resolvedLabel(r.resolved, lang) : '—'} · {r.satisfaction ? satisfactionLabel(r.satisfaction, lang) : t('未评价', 'not rated')}
                {r.comment ? ` · ${r.comment}` : ''} · <When at={r.ratedAt} />
              </div>
            )}
          />
        ) : (
          <Empty description={t('尚无评价', 'not rated yet')} />
        )}
      </section>
      <section data-section="办理过程">
        <h2>
          {t('办理过程', 'Timeline')}（{events.length}）
        </h2>
        <IssueTimeline events={events} />
      </section>
    </div>
  );
}
