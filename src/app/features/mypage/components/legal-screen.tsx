import { Link } from 'wouter';
import { useI18n } from '../../../lib/i18n';
import { useLegalText, type LegalKey } from '../legal-messages';

const PARAGRAPHS: Record<'terms' | 'privacy', LegalKey[]> = {
  terms: ['terms.1', 'terms.2', 'terms.3', 'terms.4'],
  privacy: ['privacy.1', 'privacy.2', 'privacy.3', 'privacy.4'],
};

/** The terms of use or the privacy policy, from My page. */
export function LegalScreen({ kind }: { kind: 'terms' | 'privacy' }) {
  const { t } = useI18n();
  const legal = useLegalText();
  return (
    <section aria-labelledby="legal-title" className="px-4 py-2">
      <Link href="/mypage" className="-ml-2 inline-flex min-h-11 items-center px-2 text-sm text-stone-600 underline">
        ← {t('legal.back')}
      </Link>
      <h2 id="legal-title" className="mt-2 text-base font-semibold">
        {t(`${kind}.title`)}
      </h2>
      <ol className="mt-3 list-decimal space-y-3 pl-5 text-sm leading-relaxed text-stone-700">
        {PARAGRAPHS[kind].map((key) => (
          <li key={key}>{legal.t(key)}</li>
        ))}
      </ol>
    </section>
  );
}
