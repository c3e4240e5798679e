import type { TierProgress } from '../../../../contract/card';
import { useI18n } from '../../../lib/i18n';

/** "あと ¥12,340 で REINE" with a bar from the current tier's threshold to the next. */
export function TierProgressBar({ progress }: { progress: TierProgress }) {
  const { t, yen } = useI18n();
  const percent = Math.round(progress.ratio * 100);
  return (
    <div className="w-full max-w-[366px] rounded-xl bg-white p-3 shadow-sm ring-1 ring-stone-200" data-testid="tier-progress">
      <p className="text-sm font-semibold">
        {progress.next ? t('card.tierGap', { amount: yen(progress.gapYen), tier: progress.next.name }) : t('card.tierTop')}
      </p>
      {progress.next && (
        <div
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-label={t('card.tierGap', { amount: yen(progress.gapYen), tier: progress.next.name })}
          className="mt-2 h-2 overflow-hidden rounded-full bg-stone-200"
        >
          <div className="h-full rounded-full bg-amber-400" style={{ width: `${percent}%` }} />
        </div>
      )}
      <p className="mt-1 text-xs text-stone-500">{t('card.tierSpend', { amount: yen(progress.spendYen) })}</p>
    </div>
  );
}
