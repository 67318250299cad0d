import type { News2Band } from '@teleconsult/clinical';

const BAND_TEXT: Record<News2Band, string> = {
  low: 'Low',
  'low-medium': 'Low–medium',
  medium: 'Medium',
  high: 'High',
};

/** NEWS2 total with its RCP band colour; a partial score shows "≥" — it can only be higher. */
export function News2Badge({
  news2,
}: {
  news2: { total: number; band: News2Band; partial: boolean } | null;
}) {
  if (!news2) return <span className="news2 news2--none">NEWS2 —</span>;
  return (
    <span
      className={`news2 news2--${news2.band}`}
      data-testid="news2"
      data-band={news2.band}
      title={`NEWS2 ${BAND_TEXT[news2.band]} risk${news2.partial ? ' (some parameters missing)' : ''}`}
    >
      NEWS2 {news2.partial ? '≥' : ''}
      {news2.total}
    </span>
  );
}
