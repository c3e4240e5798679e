import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n';

/** A grey block holding the place of what is loading. */
export function Bone({ className, testId }: { className: string; testId?: string }) {
  return <span aria-hidden data-testid={testId} className={`block animate-pulse rounded-lg bg-stone-200 motion-reduce:animate-none ${className}`} />;
}

/**
 * Loading, drawn as the shape of what comes rather than a line of text that the content then pushes
 * away; screen readers hear "loading".
 */
export function Skeleton({ children, testId = 'skeleton' }: { children: ReactNode; testId?: string }) {
  const { t } = useI18n();
  return (
    <div role="status" aria-busy="true" data-testid={testId}>
      <span className="sr-only">{t('app.loading')}</span>
      {children}
    </div>
  );
}
