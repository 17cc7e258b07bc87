import { Tag } from 'antd';
import { useLocale } from '../i18n/locale.tsx';
import { trackLabel } from '../i18n/labels.ts';

/** Ant Design tag colours of the timeliness track, from calm to alarming. */
const TRACK_COLOURS: Record<string, string> = {
  on_time: 'green',
  reminded: 'blue',
  yellow: 'gold',
  red: 'red',
  leader: 'volcano',
  supervision: 'purple',
};

/** The track colour of an issue or task: on time, reminder, yellow, red, escalated. */
export function TrackTag({ track }: { track: string }) {
  const { lang } = useLocale();
  return (
    <Tag color={TRACK_COLOURS[track] ?? 'default'} data-track={track}>
      {trackLabel(track, lang)}
    </Tag>
  );
}
