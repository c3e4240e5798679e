import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../../lib/i18n';
import { FigureCard } from '../../../components/figure-card';
import { useEndCampaign } from '../api/campaign-mutations';
import { campaignQueries } from '../api/campaign-queries';
import { CampaignForm } from './campaign-form';
import { CampaignFunnel } from './campaign-funnel';

/** キャンペーン: link campaigns with a bonus, and the link funnel around the one picked. */
export function CampaignsScreen() {
  const { t, number } = useI18n();
  const list = useQuery(campaignQueries.list());
  const end = useEndCampaign();
  const [picked, setPicked] = useState<string | null>(null);
  const campaigns = list.data?.campaigns ?? [];
  const shown = campaigns.find((c) => c.id === picked) ?? campaigns[0];
  return (
    <div className="flex flex-col gap-4">
      <CampaignForm />
      <FigureCard title={t('admin.campaigns.title')} testId="campaigns" figure={list} isEmpty={(data) => data.campaigns.length === 0}>
        {(data) => (
          <table className="w-full text-sm">
            <thead>
              <tr className="text-left text-stone-600">
                <th scope="col">{t('admin.campaigns.name')}</th>
                <th scope="col">{t('admin.campaigns.window')}</th>
                <th scope="col">{t('admin.campaigns.bonus')}</th>
                <th scope="col">{t('admin.campaigns.status')}</th>
                <th scope="col">{t('admin.campaigns.granted')}</th>
                <th scope="col">
                  <span className="sr-only">{t('admin.campaigns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.campaigns.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className="text-left font-normal">
                    <button type="button" className="underline" aria-pressed={shown?.id === c.id} onClick={() => setPicked(c.id)}>
                      {c.name}
                    </button>
                  </th>
                  <td>{`${c.startsOn} – ${c.lastDay}`}</td>
                  <td>{`${number(c.bonusPoints)} pt`}</td>
                  <td>{t(`admin.campaigns.status.${c.status}`)}</td>
                  <td>{number(c.granted)}</td>
                  <td>
                    {c.status !== 'over' && (
                      <button type="button" className="rounded border border-stone-300 px-2 py-1 text-xs" disabled={end.isPending} onClick={() => end.mutate(c.id)}>
                        {t('admin.campaigns.end')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </FigureCard>
      {shown && <CampaignFunnel campaign={shown} />}
    </div>
  );
}
