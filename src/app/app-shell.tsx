import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useLocaleStore } from '../shared/i18n';
import { useI18n, type MessageKey } from './lib/i18n';

/*
 * The page frame, in the first download with the card: the rest of the app (react-query, the
 * screens, the prompts under the card) loads once the card is on screen (app.tsx).
 */

export function Header({ brandName }: { brandName: string }) {
  const { t, locale } = useI18n();
  const setLocale = useLocaleStore((s) => s.setLocale);
  return (
    <header className="flex items-center justify-between px-4 pt-4">
      <h1 className="text-lg font-semibold tracking-wide">{brandName}</h1>
      <button
        type="button"
        lang={locale === 'ja' ? 'en' : 'ja'}
        className="-mr-1 flex min-h-11 min-w-11 items-center justify-center rounded-full px-1 text-xs"
        onClick={() => setLocale(locale === 'ja' ? 'en' : 'ja')}
      >
        {/* The visible pill stays small; the button around it is the 44 px target. */}
        <span className="rounded-full border border-stone-300 px-3 py-1">{t('locale.switch')}</span>
      </button>
    </header>
  );
}

/** Tab icons: 24 px line drawings, inline so the tab bar needs no icon font or request. */
const icons = {
  card: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <path d="M3 10h18M7 15h4" />
    </>
  ),
  points: (
    <>
      <circle cx="12" cy="12" r="9" />
      <path d="M10 17V7h3a3 3 0 0 1 0 6h-3" />
    </>
  ),
  stamps: <path d="m12 3 2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z" />,
  coupons: (
    <>
      <path d="M3 7h18v3a2 2 0 0 0 0 4v3H3v-3a2 2 0 0 0 0-4z" />
      <path d="M15 7v10" strokeDasharray="2 2" />
    </>
  ),
  mypage: (
    <>
      <circle cx="12" cy="8" r="4" />
      <path d="M4 21a8 8 0 0 1 16 0" />
    </>
  ),
};

const tabs: Array<{ href: string; label: MessageKey; icon: keyof typeof icons; active: (path: string) => boolean }> = [
  { href: '/', label: 'nav.card', icon: 'card', active: (path) => path === '/' },
  { href: '/points', label: 'nav.points', icon: 'points', active: (path) => path === '/points' },
  { href: '/stamps', label: 'nav.stamps', icon: 'stamps', active: (path) => path === '/stamps' },
  { href: '/coupons', label: 'nav.coupons', icon: 'coupons', active: (path) => path.startsWith('/coupons') },
  // The profile, linking and the legal pages are opened from My page.
  { href: '/mypage', label: 'nav.mypage', icon: 'mypage', active: (path) => ['/mypage', '/profile', '/link', '/terms', '/privacy'].includes(path) },
];

function Tab({ href, label, icon, active }: (typeof tabs)[number]) {
  const { t } = useI18n();
  const [path] = useLocation();
  const current = active(path);
  return (
    <Link
      href={href}
      aria-current={current ? 'page' : undefined}
      className={`flex min-h-14 flex-1 flex-col items-center justify-center gap-0.5 text-[11px] leading-tight ${current ? 'font-bold text-stone-900' : 'text-stone-500'}`}
    >
      <svg aria-hidden viewBox="0 0 24 24" className="size-6" fill="none" stroke="currentColor" strokeWidth={current ? 2.2 : 1.6} strokeLinecap="round" strokeLinejoin="round">
        {icons[icon]}
      </svg>
      {t(label)}
    </Link>
  );
}

/** The page frame; `nav={false}` drops the tabs where they lead nowhere (outside LINE, a failed start, after withdrawal). */
export function Shell({ brandName, nav = true, children }: { brandName: string; nav?: boolean; children: ReactNode }) {
  const { locale, t } = useI18n();
  return (
    <div lang={locale} className="mx-auto flex min-h-dvh max-w-md flex-col bg-stone-50 text-stone-900">
      <Header brandName={brandName} />
      <main className="flex-1 pb-20">{children}</main>
      {nav && (
        <nav aria-label={t('card.title')} className="fixed inset-x-0 bottom-0 mx-auto flex max-w-md border-t border-stone-200 bg-white pb-[env(safe-area-inset-bottom)]">
          {tabs.map((tab) => (
            <Tab key={tab.href} {...tab} />
          ))}
        </nav>
      )}
    </div>
  );
}
