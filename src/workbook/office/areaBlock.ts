/**
 * The office adapter's twin of xlsx/sheetBlock.ts. Excel tells where a sheet's cells are as
 * areas (Range.getSpecialCells: rectangles of constants and of formulas), not as single cells,
 * so the block is chosen over areas: the bounding box of the kept areas, cut at its widest
 * empty gap while it is mostly empty, keeping the side with more cells. Areas cut away are
 * returned so the caller can name them: nothing is dropped silently.
 */
import type { CellRange } from "../grid";
import { GRID_CELL_BUDGET, rangeArea } from "../readLimits";
import { ALWAYS_READ_AREA, MIN_DENSITY_FACTOR } from "../xlsx/sheetBlock";

const MAX_CUTS = 24;

export interface AreaBlock {
  block: CellRange | null;
  outside: CellRange[];
}

export function chooseBlockOfAreas(areas: readonly CellRange[]): AreaBlock {
  let kept = [...areas];
  const outside: CellRange[] = [];
  for (let cut = 0; cut <= MAX_CUTS && kept.length > 0; cut++) {
    const box = boundsOf(kept);
    const area = rangeArea(box);
    if (area <= ALWAYS_READ_AREA) break;
    if (area <= GRID_CELL_BUDGET && area <= cellsOf(kept) * MIN_DENSITY_FACTOR) break;
    const options = [split(kept, "top", "bottom"), split(kept, "left", "right")].filter(
      (o): o is { keep: CellRange[]; drop: CellRange[] } => o !== null,
    );
    if (options.length === 0 || cut === MAX_CUTS) break;
    const best = options.reduce((a, b) =>
      rangeArea(boundsOf(b.keep)) < rangeArea(boundsOf(a.keep)) ? b : a,
    );
    outside.push(...best.drop);
    kept = best.keep;
  }
  return { block: kept.length ? boundsOf(kept) : null, outside };
}

function cellsOf(areas: readonly CellRange[]): number {
  return areas.reduce((n, a) => n + rangeArea(a), 0);
}

/** The widest empty gap between the areas along one axis; the side with more cells stays. */
function split(
  areas: CellRange[],
  start: "top" | "left",
  end: "bottom" | "right",
): { keep: CellRange[]; drop: CellRange[] } | null {
  const sorted = [...areas].sort((a, b) => a[start] - b[start]);
  let reach = sorted[0][end];
  let best: { at: number; gap: number } | null = null;
  for (let i = 1; i < sorted.length; i++) {
    const gap = sorted[i][start] - reach;
    if (gap > 1 && (!best || gap > best.gap)) best = { at: reach, gap };
    reach = Math.max(reach, sorted[i][end]);
  }
  if (!best) return null;
  const at = best.at;
  const low = areas.filter((a) => a[end] <= at);
  const high = areas.filter((a) => a[end] > at);
  return cellsOf(low) >= cellsOf(high) ? { keep: low, drop: high } : { keep: high, drop: low };
}

function boundsOf(areas: readonly CellRange[]): CellRange {
  const box = { top: Infinity, left: Infinity, bottom: -1, right: -1 };
  for (const a of areas) {
    box.top = Math.min(box.top, a.top);
    box.left = Math.min(box.left, a.left);
    box.bottom = Math.max(box.bottom, a.bottom);
    box.right = Math.max(box.right, a.right);
  }
  return box;
}
