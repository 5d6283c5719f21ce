// The review page's settings in its address (src/components/flags.js): any settings the page can take come back from
// their query string unchanged, and a setting a link carries that cannot be applied is named and left at its default.
// Also the grouping of the list by program, which keeps a program's rows on one printed page.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module of the site
import { filterSearch, japaneseDate, parseFilters, programGroups, readableUrl } from "../src/components/flags.js";

const OPTIONS = {
  prefectures: ["北海道", "兵庫県", "広島県"],
  years: [2021, 2022, 2023],
  targets: ["unstable_employment", "cross_cutting"],
  kinds: ["outcome", "output"],
};
const DEFAULT = 0.5;

const filters = fc.record({
  threshold: fc.integer({ min: 0, max: 100 }).map((k) => k / 100),
  prefecture: fc.constantFrom(null, ...OPTIONS.prefectures),
  fy: fc.constantFrom(null, ...OPTIONS.years),
  target: fc.constantFrom(null, ...OPTIONS.targets),
  kind: fc.constantFrom(null, ...OPTIONS.kinds),
});

describe("the settings in the address", () => {
  it("come back from their query string as they were, with nothing to report", () => {
    fc.assert(
      fc.property(filters, (f) => {
        const search = filterSearch(f, DEFAULT);
        expect(parseFilters(search, OPTIONS, DEFAULT)).toEqual({ filters: f, ignored: [] });
        // the query string of the defaults is empty, so a plain link is the default list
        if (Object.values({ ...f, threshold: null }).every((v) => v == null) && f.threshold === DEFAULT) expect(search).toBe("");
      }),
    );
  });

  it("name each setting they cannot apply, in Japanese, and leave it at its default", () => {
    const search = "?prefecture=東京県&threshold=2&fy=20x3&target=x&kind=outcome&sort=asc";
    expect(parseFilters(search, OPTIONS, DEFAULT)).toEqual({
      filters: { threshold: 0.5, prefecture: null, fy: null, target: null, kind: "outcome" },
      ignored: [
        "基準「2」は 0〜1（0%〜100%）の範囲の数ではないため、既定の 50% で表示しています。",
        "都道府県「東京県」はこのデータにないため、すべての都道府県を表示しています。",
        "年度「20x3」はこのデータにないため、すべての年度を表示しています。",
        "支援対象「x」はこのデータにないため、すべての支援対象を表示しています。",
        "「sort」という設定はこのページにないため、使っていません。",
      ],
    });
    for (const bad of ["-0.1", "1.01", "abc", "Infinity"]) {
      expect(parseFilters(`?threshold=${bad}`, OPTIONS, DEFAULT).ignored).toEqual([`基準「${bad}」は 0〜1（0%〜100%）の範囲の数ではないため、既定の 50% で表示しています。`]);
    }
    // an empty value is no setting; a long one is quoted in part
    expect(parseFilters("?prefecture=&threshold=", OPTIONS, DEFAULT)).toEqual({ filters: { threshold: 0.5, prefecture: null, fy: null, target: null, kind: null }, ignored: [] });
    expect(parseFilters(`?prefecture=${"あ".repeat(50)}`, OPTIONS, DEFAULT).ignored).toEqual([`都道府県「${"あ".repeat(40)}…」はこのデータにないため、すべての都道府県を表示しています。`]);
  });

  it("round a threshold to the slider's step", () => {
    expect(parseFilters("?threshold=0.555", OPTIONS, DEFAULT).filters.threshold).toBe(0.56);
    expect(parseFilters("?threshold=1", OPTIONS, DEFAULT).filters.threshold).toBe(1);
  });

  it("print as people read them", () => {
    expect(readableUrl("http://h/flags.html?prefecture=%E5%85%B5%E5%BA%AB%E7%9C%8C&threshold=0.9")).toBe("http://h/flags.html?prefecture=兵庫県&threshold=0.9");
    expect(readableUrl("http://h/?q=%E0%A4%A")).toBe("http://h/?q=%E0%A4%A");
    expect(japaneseDate("2026-11-29T00:00:00Z")).toBe("2026年11月29日");
    expect(japaneseDate("2024-04-01")).toBe("2024年4月1日");
    expect(japaneseDate("")).toBe("");
  });
});

describe("the list by program", () => {
  it("groups the rows of each program, which follow one another in the list's order", () => {
    const row = (prefecture_code: string, body: string, program: string) => ({ prefecture_code, body, program });
    const rows = [row("28", "神戸市", "A"), row("28", "神戸市", "A"), row("28", "神戸市", "B"), row("28", "姫路市", "B"), row("34", "広島県", "B"), row("34", "広島県", "B")];
    expect(programGroups(rows)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 3 },
      { start: 3, end: 4 },
      { start: 4, end: 6 },
    ]);
    expect(programGroups([])).toEqual([]);
  });
});
