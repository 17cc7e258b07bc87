import { Tag } from 'antd';
import { useLocale } from '../i18n/locale.tsx';
import { stageLabel } from '../i18n/labels.ts';

const COLOURS: Record<string, string> = { closed: 'default', withdrawn: 'default', duplicate: 'default', resolved: 'cyan', reopened: 'magenta', returned: 'orange' };

/** Where an issue is in its lifecycle (stage, or the first part of a nested state). */
export function StageTag({ stage }: { stage: string }) {
  const { lang } = useLocale();
  const s = stage.split('.')[0] ?? stage;
  return <Tag color={COLOURS[s] ?? 'processing'}>{stageLabel(s, lang)}</Tag>;
}
