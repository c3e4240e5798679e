import type { ReactNode } from 'react';
import { useI18n } from '../../../lib/i18n';
import { refusalText } from '../../../../staff-kit/lib/refusal-text';

/** The clear confirmation (or refusal) under each action. */
/** `refusalVars`: figures the form knows (the balance, the points asked) for a refusal's wording. */
export function ActionResult({
  error,
  children,
  testId,
  refusalVars,
}: {
  error: Error | null;
  children?: ReactNode;
  testId: string;
  refusalVars?: Record<string, string | number>;
}) {
  const { t } = useI18n();
  if (error) {
    return (
      <p role="alert" className="mt-2 rounded-lg bg-red-50 p-3 text-sm font-semibold text-red-900" data-testid={`${testId}-error`}>
        {t('clerk.error', { message: refusalText(error, t, refusalVars) })}
      </p>
    );
  }
  if (!children) return null;
  return (
    <div role="status" className="mt-2 rounded-lg bg-emerald-50 p-3 text-sm font-semibold text-emerald-900" data-testid={`${testId}-done`}>
      {children}
    </div>
  );
}

export const inputClass = 'rounded-lg border border-stone-300 px-3 py-2 text-lg tabular-nums';
export const buttonClass = 'rounded-lg bg-stone-900 px-4 py-2 font-semibold text-white disabled:opacity-40';
export const dangerButtonClass = 'rounded-lg bg-red-700 px-4 py-2 font-semibold text-white disabled:opacity-40';
export const secondaryButtonClass = 'rounded-lg border border-stone-400 px-4 py-2 font-semibold text-stone-900';
export const panelClass = 'rounded-2xl bg-white p-4 shadow-sm';
