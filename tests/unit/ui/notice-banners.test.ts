import { describe, expect, it } from 'vitest';
import { dismissNotices, noticeBanners } from '../../../src/ui/notice-banners';

describe('notice banners', () => {
  it('shows a few notices one banner each', () => {
    const banners = noticeBanners(['A.', 'B.']);
    expect(banners.map((b) => b.text)).toEqual(['A.', 'B.']);
    expect(dismissNotices(['A.', 'B.'], banners[0])).toEqual(['B.']);
  });

  it('folds 2,000 notices into one banner: the first few and how many more', () => {
    const notices = Array.from({ length: 2000 }, (_, i) => `Component "n${i}" was in a frame that does not exist; it was taken out.`);
    const banners = noticeBanners(notices);
    expect(banners).toHaveLength(1);
    expect(banners[0].text).toMatch(/^2,000 notices about this design: Component "n0" .* …and 1,997 more\.$/);
    expect(banners[0].text).not.toContain('"n3"');
    expect(dismissNotices(notices, banners[0])).toEqual([]);
  });

  it('counts a repeated notice once, so banners never share a key', () => {
    const banners = noticeBanners(['Same.', 'Same.', 'Other.']);
    expect(banners.map((b) => b.text)).toEqual(['Same.', 'Other.']);
  });
});
