// Table borders in a PDF: the vertical rules a page draws, read from pdf.js's operator list, so that pdf.ts can
// divide a table row into cells where a border stands, whatever the gap between the texts.

/** A vertical line drawn on a page, such as a table's cell border, in the runs' coordinates. */
export interface Rule {
  x: number;
  top: number;
  bottom: number;
}

export type Transform = (m1: number[], m2: number[]) => number[];

/** A filled shape at most this many points wide is a rule (Word and Chromium draw borders as thin filled boxes); a wider one is shading. */
const MAX_RULE_WIDTH = 4;

/** pdf.js's codes of a path's segments in a constructPath operator (DrawOPS, which it does not export). */
const MOVE_TO = 0, LINE_TO = 1, CURVE_TO = 2, QUADRATIC_CURVE_TO = 3, CLOSE_PATH = 4;

/**
 * The vertical rules a page draws: the vertical segments of stroked paths and the filled boxes at most
 * MAX_RULE_WIDTH wide and taller than wide, in `base` (the viewport's) coordinates. pdf.js 5 gathers every path
 * (re, m, l, c… up to the operator that paints it) into one constructPath operator whose arguments are
 * [painting operator, [Float32Array of DrawOPS codes, each followed by its points], bounding box]; its points are
 * in user space, so the transforms of cm, q/Q and form XObjects are followed. Clipping paths (W n) paint nothing.
 */
export function findRules(fns: readonly number[], args: readonly unknown[], base: number[], OPS: Record<string, number>, transform: Transform): Rule[] {
  const strokes = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fills = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const rules: Rule[] = [];
  const saved: number[][] = [];
  let ctm = base;
  const vertical = (x1: number, y1: number, x2: number, y2: number) => {
    if (Math.abs(x2 - x1) <= 0.01 * Math.abs(y2 - y1)) rules.push({ x: (x1 + x2) / 2, top: Math.min(y1, y2), bottom: Math.max(y1, y2) });
  };
  fns.forEach((fn, i) => {
    const a = args[i] as unknown[] | null;
    if (fn === OPS.save || fn === OPS.beginGroup) saved.push(ctm);
    else if (fn === OPS.restore || fn === OPS.endGroup) ctm = saved.pop() ?? base;
    else if (fn === OPS.transform) ctm = transform(ctm, a as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      saved.push(ctm);
      if (a?.[0]) ctm = transform(ctm, [...(a[0] as number[])]);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = saved.pop() ?? base;
    else if (fn === OPS.constructPath) {
      const [paint, [data]] = a as [number, [ArrayLike<number> | null]];
      const stroked = strokes.has(paint);
      const filled = fills.has(paint);
      if (!data || !(stroked || filled)) return;
      for (const { points, curved } of subpaths(data)) {
        const placed = points.map(([x, y]) => apply(ctm, x, y));
        if (stroked) for (let k = 1; k < placed.length; k++) vertical(...placed[k - 1]!, ...placed[k]!);
        if (filled && !curved && placed.length > 1) {
          const xs = placed.map(([x]) => x);
          const ys = placed.map(([, y]) => y);
          const [left, right, top, bottom] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
          if (right - left <= MAX_RULE_WIDTH && bottom - top > right - left) rules.push({ x: (left + right) / 2, top, bottom });
        }
      }
    }
  });
  return rules;
}

/**
 * A path's subpaths as the corners of their straight segments (a closed one ends where it began), and whether they
 * curve: a curve ends one such chain of segments and starts the next.
 */
function subpaths(data: ArrayLike<number>): { points: [number, number][]; curved: boolean }[] {
  const out: { points: [number, number][]; curved: boolean }[] = [];
  let current: { points: [number, number][]; curved: boolean } | null = null;
  let start: [number, number] | null = null;
  for (let i = 0; i < data.length; ) {
    const op = data[i++];
    if (op === MOVE_TO) {
      start = [data[i]!, data[i + 1]!];
      current = { points: [start], curved: false };
      out.push(current);
      i += 2;
    } else if (op === LINE_TO) {
      current?.points.push([data[i]!, data[i + 1]!]);
      i += 2;
    } else if (op === CURVE_TO || op === QUADRATIC_CURVE_TO) {
      const n = op === CURVE_TO ? 6 : 4;
      if (current) current.curved = true;
      const end: [number, number] = [data[i + n - 2]!, data[i + n - 1]!];
      current = { points: [end], curved: true };
      out.push(current);
      i += n;
    } else if (op === CLOSE_PATH) {
      if (current && start) current.points.push(start);
    } else {
      break; // a code this reader does not know: the rest cannot be parsed
    }
  }
  return out;
}

function apply(m: number[], x: number, y: number): [number, number] {
  return [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
}
