// The overview's charts laid out before they are drawn (src/components/overview.js): which tick labels of a log
// percent axis are written at a width, and where a zero goes on a log scale.
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain JavaScript module of the site
import { fitText, thinTicks } from "../src/components/overview.js";
import { logFloor } from "../src/lib/overview-scale.js";

const TICKS = [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];
const label = (t: number) => (t === 0.05 ? "0%" : `${Math.round(t * 100)}%`);
/** A log axis from 4% to 12.0 (1200%) across `width` px, 20 px of margin each side. */
const position = (width: number) => (t: number) => 20 + ((Math.log(t) - Math.log(0.04)) / (Math.log(12) - Math.log(0.04))) * (width - 40);

describe("thinTicks", () => {
  it("writes every label where they fit", () => {
    expect(thinTicks(TICKS, { position: position(1000), label, width: 1000 })).toEqual(TICKS);
  });

  it("keeps 0% and 100% first on a phone, then 50% and the decades, and no two labels closer than the gap", () => {
    const width = 300;
    const priority = (t: number) => (t === 1 || t === 0.05 ? 0 : t === 0.5 ? 1 : [0.1, 10].includes(t) ? 2 : 3);
    const kept: number[] = thinTicks(TICKS, { position: position(width), label, width, priority });
    expect(kept).toContain(0.05);
    expect(kept).toContain(1);
    expect(kept.length).toBeLessThan(TICKS.length);
    const x = position(width);
    const half = (t: number) => (label(t).length * 6) / 2;
    for (let i = 1; i < kept.length; i++) expect(x(kept[i]!) - half(kept[i]!) - (x(kept[i - 1]!) + half(kept[i - 1]!))).toBeGreaterThanOrEqual(6 - 1e-9);
  });

  it("leaves out a label that would stick out of the chart", () => {
    expect(thinTicks([0.05, 10], { position: () => 2, label: () => "1000%", width: 100 })).toEqual([]);
  });
});

describe("logFloor and fitText", () => {
  it("puts zero at a round value at most half the smallest positive one", () => {
    expect(logFloor([0, 0.3, 2])).toBe(0.05);
    expect(logFloor([0, 0.06])).toBe(0.025);
  });

  it("cuts a long name in the middle to the width given in ems, full-width characters counting 1", () => {
    expect(fitText("神戸市", 10)).toBe("神戸市");
    const cut: string = fitText("就職氷河期世代の転職・再就職及び市内企業人材確保の同時的推進事業", 12);
    expect(cut).toMatch(/^就職氷河.*….*推進事業$/);
    expect([...cut].length).toBeLessThanOrEqual(12);
  });
});
