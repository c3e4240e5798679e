import { describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/request';
import { translate } from './i18n';
import { refusalText } from '../../staff-kit/lib/refusal-text';

const ja = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) => translate('ja', key, vars);

describe('refusal text', () => {
  it('reads a refusal in the console language only, with the figures the form knows', () => {
    const error = new ApiError(409, 'insufficient_points', 'Not enough points: the balance is 300 pt, 500 pt were asked.');
    expect(refusalText(error, ja, { balance: '300', points: '500' })).toBe('ポイントが足りません（保有 300 pt、ご利用 500 pt）');
    expect(refusalText(error, ja)).toBe('ポイントが足りません');
  });

  it('an unknown refusal gets the general wording, not the BFF’s English sentence', () => {
    const text = refusalText(new ApiError(400, 'invalid_request', 'The request body is invalid.'), ja);
    expect(text).toContain('受け付けられませんでした');
    expect(text).not.toContain('invalid');
  });
});
