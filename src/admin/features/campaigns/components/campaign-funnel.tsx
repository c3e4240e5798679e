import { useQuery } from '@tanstack/react-query';
import type { Campaign } from '../../../../contract/campaigns';
import { useI18n } from '../../../lib/i18n';
import { DailyChart } from '../../../components/daily-chart';
import { FigureCard } from '../../../components/figure-card';
import { campaignQueries } from '../api/campaign-queries';

/** Links per day before, during (shaded) and after the campaign, and links per day during ÷ before. */
export function CampaignFunnel({ campaign }: { campaign: Campaign }) {
  const { t, number } = useI18n();
  const links = useQuery(campaignQueries.links(campaign.id));
  const phaseName = { before: t('admin.campaigns.before'), during: t('admin.campaigns.during'), after: t('admin.campaigns.after') };
  const perDay = (value: number) => number(Math.round(value * 10) / 10);
  return (
    <FigureCard
      title={t('admin.campaigns.funnel', { name: campaign.name })}
      testId="campaign-funnel"
      figure={links}
      csv={(data) => ({ header: [t('admin.day'), t('admin.links.links'), t('admin.campaigns.phase')], rows: data.days.map((d) => [d.day, d.links, phaseName[d.phase]]), period: campaign.id })}
    >
      {(data) => (
        <>
          <p className="text-2xl font-semibold" data-testid="campaign-ratio">
            {data.ratio === null ? t('admin.campaigns.noRatio') : t('admin.campaigns.ratio', { ratio: number(Math.round(data.ratio * 100) / 100) })}
          </p>
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-stone-600">
                <th scope="col">{t('admin.campaigns.phase')}</th>
                <th scope="col">{t('admin.campaigns.days')}</th>
                <th scope="col">{t('admin.links.links')}</th>
                <th scope="col">{t('admin.campaigns.perDay')}</th>
              </tr>
            </thead>
            <tbody>
              {(['before', 'during', 'after'] as const).map((phase) => {
                const figures = data[phase];
                return (
                  <tr key={phase} data-testid={`campaign-${phase}`}>
                    <th scope="row" className="text-left font-normal">
                      {phaseName[phase]}
                      {figures && <span className="ml-1 text-xs text-stone-500">{`${figures.from} – ${figures.to}`}</span>}
                    </th>
                    <td>{figures ? number(figures.days) : '—'}</td>
                    <td>{figures ? number(figures.links) : '—'}</td>
                    <td>{figures ? perDay(figures.linksPerDay) : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <DailyChart label={t('admin.campaigns.funnel', { name: campaign.name })} rows={data.days} series={[{ label: t('admin.links.links'), color: '#059669', value: (d) => d.links }]} shade={(d) => d.phase === 'during'} />
          <p className="text-xs text-stone-600">
            <span className="mr-1 inline-block h-3 w-3 bg-amber-200 align-middle" />
            {t('admin.campaigns.shaded')}
          </p>
        </>
      )}
    </FigureCard>
  );
}
