// The overview's achievement scale, shared by its data loader (loaders/publish/site/overview.ts) and its charts
// (src/components/overview.js): where zero sits on the log axis, and how many KPIs the chart shows one dot each.
// Pure JavaScript, so that the build bins achievement on the axis the page draws.

/** Above this many KPIs the overview shows the binned distribution (overview.json) instead of one dot per KPI. */
export const DOT_LIMIT = 2000;

/**
 * Where a zero goes on a log scale: a round value at most half the smallest positive one (at most 5%), so that
 * zeros sit apart at the left edge.
 */
export function logFloor(values) {
  const positive = values.filter((v) => v != null && v > 0);
  const smallest = positive.length ? Math.min(...positive) : 1;
  let floor = 0.05;
  while (floor > smallest / 2) floor /= 2;
  return floor;
}
