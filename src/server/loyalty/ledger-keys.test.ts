import { describe, expect, it } from 'vitest';
import { keyRenamer } from './ledger-keys';

describe('keyRenamer', () => {
  const rename = keyRenamer([{ from: 'crm-transfer:crm-1', to: 'crm-transfer:erased-7' }]);

  it('renames the key, the lot made from it and keys derived from the lot', () => {
    expect(rename('crm-transfer:crm-1')).toBe('crm-transfer:erased-7');
    expect(rename('lot:crm-transfer:crm-1')).toBe('lot:crm-transfer:erased-7');
    expect(rename('expire:lot:crm-transfer:crm-1')).toBe('expire:lot:crm-transfer:erased-7');
  });

  it('leaves keys that only start or end like it alone', () => {
    expect(rename('crm-transfer:crm-10')).toBe('crm-transfer:crm-10');
    expect(rename('lot:xcrm-transfer:crm-1')).toBe('lot:xcrm-transfer:crm-1');
    expect(rename('redeem:abc')).toBe('redeem:abc');
  });

  it('treats regular-expression characters in a key as text', () => {
    expect(keyRenamer([{ from: 'a.b', to: 'z' }])('lot:axb')).toBe('lot:axb');
    expect(keyRenamer([{ from: 'a.b', to: 'z' }])('lot:a.b')).toBe('lot:z');
  });
});
