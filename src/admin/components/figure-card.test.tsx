// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as Csv from '../lib/csv';
import { FigureCard } from './figure-card';

const downloadCsv = vi.hoisted(() => vi.fn());
vi.mock('../lib/csv', async (original) => ({ ...(await original<typeof Csv>()), downloadCsv }));

afterEach(() => {
  cleanup();
  downloadCsv.mockReset();
});

type Stores = { stores: { storeId: string; purchases: number }[] };
const range = { from: '2020-01-01', to: '2020-01-31' };

function renderCard(figure: { data: Stores | undefined; error: Error | null }, period?: string) {
  render(
    <FigureCard
      title="Stores"
      testId="stores"
      figure={figure}
      range={range}
      csv={(data) => ({ header: ['store', 'purchases'], rows: data.stores.map((s) => [s.storeId, s.purchases]), period })}
      isEmpty={(data) => data.stores.length === 0}
    >
      {(data) => <p>{data.stores.map((s) => s.storeId).join(' ')}</p>}
    </FigureCard>,
  );
}

describe('a dashboard figure card', () => {
  it('says it is loading, with no CSV to download yet', () => {
    renderCard({ data: undefined, error: null });
    expect(screen.getByRole('region', { name: 'Stores' }).textContent).toContain('読み込み中…');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it("shows the BFF's message when the figure failed", () => {
    renderCard({ data: undefined, error: new Error('HTTP 500') });
    expect(screen.getByRole('alert').textContent).toContain('HTTP 500');
  });

  it('says when the range holds nothing', () => {
    renderCard({ data: { stores: [] }, error: null });
    expect(screen.getByRole('region', { name: 'Stores' }).textContent).toContain('この期間のデータはありません');
  });

  it("draws the figure and downloads its table named by the card and the range, or the table's own period", () => {
    renderCard({ data: { stores: [{ storeId: 'shibuya', purchases: 3 }] }, error: null });
    expect(screen.getByText('shibuya')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'CSVダウンロード' }));
    expect(downloadCsv).toHaveBeenCalledWith('stores-2020-01-01-2020-01-31.csv', '\uFEFFstore,purchases\r\nshibuya,3\r\n');

    cleanup();
    renderCard({ data: { stores: [{ storeId: 'shibuya', purchases: 3 }] }, error: null }, '2020-01-31');
    fireEvent.click(screen.getByRole('button', { name: 'CSVダウンロード' }));
    expect(downloadCsv).toHaveBeenLastCalledWith('stores-2020-01-31.csv', expect.any(String));
  });
});
