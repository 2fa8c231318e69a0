// Notices after opening a design (unknown kinds, repaired frames): a few show one banner each;
// many become one banner, or a hostile link could stack thousands of them over the canvas.
export const MAX_NOTICE_BANNERS = 3;

export interface NoticeBanner {
  text: string;
  /** The notices it stands for: dismissing it dismisses them. */
  covers: readonly string[];
}

/** Repeated notices count once (they would also clash as keys of the banner list). */
export function noticeBanners(all: readonly string[], max = MAX_NOTICE_BANNERS): NoticeBanner[] {
  const notices = [...new Set(all)];
  if (notices.length <= max) return notices.map((n) => ({ text: n, covers: [n] }));
  const more = notices.length - max;
  const text = `${notices.length.toLocaleString('en-US')} notices about this design: ${notices.slice(0, max).join(' ')} …and ${more.toLocaleString('en-US')} more.`;
  return [{ text, covers: notices }];
}

/** What is left after dismissing a banner. */
export function dismissNotices(notices: readonly string[], banner: NoticeBanner): string[] {
  const gone = new Set(banner.covers);
  return notices.filter((n) => !gone.has(n));
}
