/**
 * The block of a sheet worth reading as one Grid. Usually the bounding box of every cell that has
 * content; when that box is mostly empty (a stray value at XFD1048576 next to a table at A1),
 * the box is cut at its widest empty gap, again and again, keeping the side with more cells.
 * Cells cut away are returned so the caller can name them: nothing is dropped silently.
 */
import type { CellRange } from "../grid";
import { GRID_CELL_BUDGET, rangeArea } from "../readLimits";

/** A box this small is always read whole, however empty. */
export const ALWAYS_READ_AREA = 16_384;
/** A larger box must have at least one cell with content per this many. */
export const MIN_DENSITY_FACTOR = 16;
const MAX_CUTS = 24;

export interface SheetBlock {
  block: CellRange | null;
  /** Indices (into the given coordinates) of cells outside the block. */
  outside: number[];
}

export function chooseBlock(rows: readonly number[], cols: readonly number[]): SheetBlock {
  let kept = rows.map((_, i) => i);
  const outside: number[] = [];
  for (let cut = 0; cut <= MAX_CUTS && kept.length > 0; cut++) {
    const box = bounds(kept, rows, cols);
    const area = rangeArea(box);
    if (area <= ALWAYS_READ_AREA) break;
    if (area <= GRID_CELL_BUDGET && area <= kept.length * MIN_DENSITY_FACTOR) break;
    const byRow = split(kept, rows);
    const byCol = split(kept, cols);
    const options = [byRow, byCol].filter((o): o is Split => o !== null);
    if (options.length === 0 || cut === MAX_CUTS) break;
    const best = options
      .map((o) => ({ ...o, area: rangeArea(bounds(o.keep, rows, cols)) }))
      .reduce((a, b) => (b.area < a.area ? b : a));
    outside.push(...best.drop);
    kept = best.keep;
  }
  return { block: kept.length ? bounds(kept, rows, cols) : null, outside };
}

interface Split {
  keep: number[];
  drop: number[];
}

/**
 * Cuts at the widest empty gap along one axis; the side with more cells (top/left on a tie)
 * stays. Among equally wide gaps the most even split wins, so evenly scattered cells are halved
 * rather than peeled off one at a time.
 */
function split(indices: number[], axis: readonly number[]): Split | null {
  const values = Int32Array.from(indices, (i) => axis[i]).sort();
  const n = values.length;
  let gap = 1;
  let at = -1;
  let balance = Infinity;
  for (let k = 1; k < n; k++) {
    const g = values[k] - values[k - 1];
    if (g < gap || g === 1) continue;
    const b = Math.abs(n / 2 - k);
    if (g > gap || b < balance) {
      gap = g;
      at = values[k - 1];
      balance = b;
    }
  }
  if (at < 0) return null;
  const low = indices.filter((i) => axis[i] <= at);
  const high = indices.filter((i) => axis[i] > at);
  return low.length >= high.length ? { keep: low, drop: high } : { keep: high, drop: low };
}

function bounds(indices: number[], rows: readonly number[], cols: readonly number[]): CellRange {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const i of indices) {
    if (rows[i] < top) top = rows[i];
    if (rows[i] > bottom) bottom = rows[i];
    if (cols[i] < left) left = cols[i];
    if (cols[i] > right) right = cols[i];
  }
  return { top, left, bottom, right };
}
