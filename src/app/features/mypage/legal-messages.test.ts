// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { renderHook } from '@testing-library/react';
import { useLocaleStore } from '../../../shared/i18n';
import { useLegalText } from './legal-messages';

describe('terms and privacy texts', () => {
  it('are there in both languages', () => {
    for (const locale of ['ja', 'en'] as const) {
      useLocaleStore.getState().setLocale(locale);
      const { result } = renderHook(() => useLegalText());
      expect(result.current.t('terms.1').length).toBeGreaterThan(20);
      expect(result.current.t('privacy.4').length).toBeGreaterThan(20);
    }
    useLocaleStore.getState().setLocale('ja');
  });
});
