import { TIME_ZONE } from '../../shared/i18n';
import { useI18n } from '../lib/i18n';
import { jstDayStart } from '../lib/jst-days';

export type DailySeries<Row> = { label: string; color: string; value: (row: Row) => number };

const WIDTH = 720;
const HEIGHT = 200;
const PAD = { left: 40, right: 8, top: 8, bottom: 24 };

/** A rounded-up axis maximum: 1, 2, 5 × 10ⁿ. */
function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].find((step) => step * power >= value) ?? 10) * power;
}

/**
 * Lines per JST day, drawn as plain SVG (no chart library in the bundle). `shade` marks days
 * (e.g. when the link incentive ran) with a band behind the lines.
 */
export function DailyChart<Row extends { day: string }>({ rows, series, shade, label }: { rows: Row[]; series: DailySeries<Row>[]; shade?: (row: Row) => boolean; label: string }) {
  const { number, locale } = useI18n();
  // Axis days without the year (the range picker shows it): 11月1日 / Nov 1.
  const day = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-JP', { timeZone: TIME_ZONE, month: 'short', day: 'numeric' });
  const max = niceMax(Math.max(0, ...rows.flatMap((row) => series.map((s) => s.value(row)))));
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const step = rows.length > 1 ? plotWidth / (rows.length - 1) : 0;
  const x = (index: number) => PAD.left + (rows.length > 1 ? index * step : plotWidth / 2);
  const y = (value: number) => PAD.top + plotHeight - (value / max) * plotHeight;
  const tickIndexes = rows.length === 0 ? [] : [...new Set([0, Math.floor((rows.length - 1) / 2), rows.length - 1])];
  const bandWidth = Math.max(step, 2);

  return (
    <figure className="flex flex-col gap-1">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="h-auto w-full" role="img" aria-label={label}>
        {shade &&
          rows.map((row, index) =>
            shade(row) ? <rect key={`shade-${row.day}`} x={x(index) - bandWidth / 2} y={PAD.top} width={bandWidth} height={plotHeight} fill="#fde68a" opacity={0.7} /> : null,
          )}
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(max * f)} y2={y(max * f)} stroke="#e7e5e4" />
            <text x={PAD.left - 4} y={y(max * f) + 4} textAnchor="end" fontSize="13" fill="#44403c">
              {number(max * f)}
            </text>
          </g>
        ))}
        {series.map((s) => (
          <polyline
            key={s.label}
            fill="none"
            stroke={s.color}
            strokeWidth={2}
            strokeLinejoin="round"
            points={rows.map((row, index) => `${x(index).toFixed(1)},${y(s.value(row)).toFixed(1)}`).join(' ')}
          />
        ))}
        {tickIndexes.map((index) => (
          <text key={index} x={x(index)} y={HEIGHT - 6} fontSize="13" fill="#44403c" textAnchor={index === 0 ? 'start' : index === rows.length - 1 ? 'end' : 'middle'}>
            {day.format(jstDayStart(rows[index]!.day))}
          </text>
        ))}
      </svg>
      <figcaption className="flex flex-wrap gap-3 text-xs text-stone-700">
        {series.map((s) => (
          <span key={s.label} className="flex items-center gap-1">
            <span className="inline-block h-0.5 w-4" style={{ backgroundColor: s.color }} />
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

