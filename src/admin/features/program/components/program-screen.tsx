import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../../lib/i18n';
import { FigureCard } from '../../../components/figure-card';
import { programQueries } from '../api/program-queries';

/** The programme config in plain sentences (read-only: rules change through the config file, reviewed like code). */
export function ProgramScreen() {
  const { t, yen, number, localised } = useI18n();
  const rules = useQuery(programQueries.rules());
  return (
    <FigureCard title={t('admin.program.title')} testId="program" figure={rules}>
      {(data) => (
        <ul className="flex list-disc flex-col gap-2 pl-5 text-sm leading-relaxed">
          <li>{t('admin.program.pointValue', { yen: yen(data.pointValueYen) })}</li>
          {data.tiers.map((tier) => (
            <li key={tier.id}>
              {t('admin.program.tier', { name: tier.name, months: data.tierWindowMonths, min: yen(tier.minSpendYen), rate: number(tier.pointsPer100Yen) })}
            </li>
          ))}
          <li>{t(data.pointExpiry.policy === 'lot-end-of-month' ? 'admin.program.expiry.lot' : 'admin.program.expiry.since', { months: data.pointExpiry.months })}</li>
          <li>
            {t('admin.program.stamps', {
              min: yen(data.stamps.minPurchaseYen),
              perDay: data.stamps.maxPerDay,
              size: data.stamps.cardSize,
              reward: localised(data.stamps.rewardTitle),
            })}
          </li>
          <li>{data.birthdayCoupon.enabled ? t('admin.program.birthday.on', { title: localised(data.birthdayCoupon.title) }) : t('admin.program.birthday.off')}</li>
          <li>{t('admin.program.incentives', { link: number(data.incentives.linkPoints), profile: number(data.incentives.profileCompletionPoints) })}</li>
          <li>
            {t('admin.program.code', { symbology: data.memberCode.symbology })}{' '}
            {data.memberCode.rotatingEnabled ? t('admin.program.rotating.on', { seconds: data.memberCode.rotatingPeriodSeconds }) : t('admin.program.rotating.off')}
          </li>
          <li>
            {t('admin.program.register', {
              max: yen(data.register.maxPurchaseYen),
              approval: yen(data.register.approvalAboveYen),
              purchases: number(data.register.maxPurchasesPerMemberPerDay),
              points: number(data.register.maxPointsPerMemberPerDay),
            })}
          </li>
        </ul>
      )}
    </FigureCard>
  );
}
