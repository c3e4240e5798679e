import { describe, expect, it } from 'vitest';
import { buildPostalTable, cleanTown, decodeKenAll, parseKenAll } from './ken-all';
import { loadPostalTable, postalTable, PostalTableFileSchema } from './postal-table';

/** Lines as Japan Post's KEN_ALL has them, with its notes and a town split over three lines. */
const KEN_ALL = [
  '13113,"150  ","1500000","ﾄｳｷｮｳﾄ","ｼﾌﾞﾔｸ","ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ","東京都","渋谷区","以下に掲載がない場合",0,0,0,0,0,0',
  '13113,"150  ","1500001","ﾄｳｷｮｳﾄ","ｼﾌﾞﾔｸ","ｼﾞﾝｸﾞｳﾏｴ","東京都","渋谷区","神宮前",0,0,1,0,0,0',
  '13104,"160  ","1606090","ﾄｳｷｮｳﾄ","ｼﾝｼﾞｭｸｸ","ﾆｼｼﾝｼﾞｭｸｽﾐﾄﾓﾌﾄﾞｳｻﾝｼﾝｼﾞｭｸｵｰｸﾀﾜｰ(ﾁｶｲ･ｶｲｿｳﾌﾒｲ)","東京都","新宿区","西新宿住友不動産新宿オークタワー（地階・階層不明）",0,0,0,0,0,0',
  '01101,"060  ","0600042","ﾎｯｶｲﾄﾞｳ","ｻｯﾎﾟﾛｼﾁｭｳｵｳｸ","ｵｵﾄﾞｵﾘﾆｼ(1-19ﾁｮｳﾒ)","北海道","札幌市中央区","大通西（１～１９丁目）",1,0,1,0,0,0',
  '07201,"96002","9600201","ﾌｸｼﾏｹﾝ","ﾌｸｼﾏｼ","ｲｲｻｶﾏﾁ(ｱｶﾞﾜ､ｱｶﾞﾜﾀﾞｲﾗ､ｱｶﾞﾜﾄﾞｳ､ｱｶﾞﾜﾐｽﾞｷ","福島県","福島市","飯坂町（赤川、赤川平、赤川道、赤川水木、",0,1,0,0,0,0',
  '07201,"96002","9600201","ﾌｸｼﾏｹﾝ","ﾌｸｼﾏｼ","ｱｶﾏﾂ､ｱｶﾞﾜﾆｼ)","福島県","福島市","赤松、赤川西、",0,1,0,0,0,0',
  '07201,"96002","9600201","ﾌｸｼﾏｹﾝ","ﾌｸｼﾏｼ","","福島県","福島市","その他）",0,1,0,0,0,0',
  '23235,"498  ","4980000","ｱｲﾁｹﾝ","ﾔﾄﾐｼ","ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ","愛知県","弥富市","以下に掲載がない場合",0,0,0,0,0,0',
  '24341,"498  ","4980000","ﾐｴｹﾝ","ｸﾜﾅｸﾞﾝｷｿｻｷﾁｮｳ","ｲｶﾆｹｲｻｲｶﾞﾅｲﾊﾞｱｲ","三重県","桑名郡木曽岬町","以下に掲載がない場合",0,0,0,0,0,0',
  '37403,"76601","7660100","ｶｶﾞﾜｹﾝ","ﾅｶﾀﾄﾞｸﾞﾝｺﾄﾋﾗﾁｮｳ","ｺﾄﾋﾗﾁｮｳｲﾁｴﾝ","香川県","仲多度郡琴平町","琴平町一円",0,0,0,0,0,0',
].join('\r\n');

describe("Japan Post's KEN_ALL", () => {
  it('cleans the notes out of town names', () => {
    expect(cleanTown('以下に掲載がない場合')).toBe('');
    expect(cleanTown('大通西（１～１９丁目）')).toBe('大通西');
    expect(cleanTown('琴平町一円')).toBe('');
    expect(cleanTown('一円')).toBe('一円');
    expect(cleanTown('猪苗代町の次に番地がくる場合')).toBe('');
  });

  it('joins a town KEN_ALL splits over several lines and builds a table the BFF reads', () => {
    const rows = parseKenAll(KEN_ALL);
    expect(rows.filter((r) => r.postalCode === '9600201')).toEqual([{ cityCode: '07201', postalCode: '9600201', prefecture: '福島県', city: '福島市', town: '飯坂町' }]);
    const table = postalTable(PostalTableFileSchema.parse(buildPostalTable(rows, 'fixture')));
    expect(table.size).toBe(7);
    expect(table.lookup('1606090')).toEqual([{ prefecture: '東京都', city: '新宿区', town: '西新宿住友不動産新宿オークタワー' }]);
    expect(table.lookup('4980000').map((a) => a.prefecture)).toEqual(['愛知県', '三重県']);
    expect(table.lookup('0600042')).toEqual([{ prefecture: '北海道', city: '札幌市中央区', town: '大通西' }]);
    expect(table.lookup('1234567')).toEqual([]);
  });

  it('reads the Shift_JIS file Japan Post ships as well as the UTF-8 one', () => {
    // "東京都" in Shift_JIS.
    const shiftJis = Uint8Array.from([0x93, 0x8c, 0x8b, 0x9e, 0x93, 0x73]);
    expect(decodeKenAll(shiftJis)).toBe('東京都');
    expect(decodeKenAll(new TextEncoder().encode('東京都'))).toBe('東京都');
  });

  it('ships a table covering every Tokyo ward and the demo stores’ areas', () => {
    const table = loadPostalTable();
    expect(table.size).toBeGreaterThan(900);
    for (const code of ['1000001', '1040061', '1500001', '1600023', '1340088', '5300001', '2200012', '4500002', '8100001', '0600042']) {
      expect(table.lookup(code), code).not.toEqual([]);
    }
  });
});
