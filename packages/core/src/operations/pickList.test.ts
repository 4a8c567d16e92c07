import { expect, it } from 'vitest';
import { pickListHtml } from './pickList.js';

it('prints a right-to-left Persian page with totals, and escapes what it is given', () => {
  const html = pickListHtml({
    zoneHqName: 'ستاد <منطقه> ۱',
    day: 'D-1',
    date: '2024-05-09',
    branches: [
      {
        branchId: '0012',
        branchName: 'دبستان "نمونه"',
        address: 'خیابان & کوچه',
        lines: [
          { item: 'voting-device', quantity: 1 },
          { item: 'sealed-box', quantity: 2 },
        ],
      },
      {
        branchId: '0013',
        branchName: 'مسجد',
        address: 'میدان',
        lines: [{ item: 'sealed-box', quantity: 3 }],
      },
    ],
    generatedAt: new Date('2024-05-08T10:00:00.000Z'),
    timeZone: 'Asia/Tehran',
  });
  expect(html).toContain('<html lang="fa" dir="rtl">');
  expect(html).toContain('۲۰ اردیبهشت ۱۴۰۳');
  expect(html).toContain('شعبهٔ ۰۰۱۲');
  expect(html).toContain('ستاد &lt;منطقه&gt; ۱');
  expect(html).toContain('دبستان &quot;نمونه&quot;');
  expect(html).toContain('خیابان &amp; کوچه');
  expect(html).toMatch(/صندوق کاغذی پلمب‌شده<\/td><td class="n">۵ عدد/);
  expect(html).not.toMatch(/https?:/);
});
