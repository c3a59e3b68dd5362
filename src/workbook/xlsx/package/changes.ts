/**
 * What the add-in changed in a workbook loaded from bytes, so toBuffer can write the original
 * package with only those changes. The ExcelJS model stays the truth for reads; this records
 * which of its worksheets are the user's (from the package), which the add-in rendered (and
 * which original sheet each replaces), and the marks on the user's cells. Deleted sheets need
 * no record: an original sheet no longer in the model is gone.
 */
import type ExcelJS from "exceljs";
import type { CellMark, SheetVisibility } from "../../port";
import { splicePackage, type CellChange, type SheetFate, type SplicePlan } from "./splice";

type Worksheet = ExcelJS.Worksheet;

interface MarkRecord {
  row: number;
  col: number;
  /** What the cell had in the loaded package. */
  original: CellMark;
  /** What it has now. */
  current: CellMark;
}

function visibility(ws: Worksheet): SheetVisibility {
  return ws.state === "veryHidden" ? "veryHidden" : ws.state === "hidden" ? "hidden" : "visible";
}

export class PackageChanges {
  /** The user's worksheets, by the name they have in the package. */
  private readonly original = new Map<Worksheet, string>();
  /** Sheets the add-in rendered → the original sheet each replaces (null: a new sheet). */
  private readonly rendered = new Map<Worksheet, string | null>();
  private readonly marks = new Map<Worksheet, Map<string, MarkRecord>>();

  constructor(
    private readonly bytes: Uint8Array,
    workbook: ExcelJS.Workbook,
  ) {
    for (const ws of workbook.worksheets) this.original.set(ws, ws.name);
  }

  /** `ws` now holds a sheet the add-in wrote; `replaced` is the sheet it took the place of. */
  sheetWritten(ws: Worksheet, replaced: Worksheet | null | undefined): void {
    const origin = replaced ? (this.original.get(replaced) ?? this.rendered.get(replaced) ?? null) : null;
    this.original.delete(ws);
    this.marks.delete(ws);
    this.rendered.set(ws, origin);
  }

  cellMarked(ws: Worksheet, before: CellMark, after: CellMark): void {
    // A rendered sheet is written from the model as it is, marks included.
    if (!this.original.has(ws)) return;
    let sheet = this.marks.get(ws);
    if (!sheet) this.marks.set(ws, (sheet = new Map()));
    const key = `${after.row}:${after.col}`;
    const record = sheet.get(key) ?? { row: after.row, col: after.col, original: before, current: after };
    record.current = after;
    sheet.set(key, record);
  }

  plan(workbook: ExcelJS.Workbook): SplicePlan {
    const current = workbook.worksheets;
    const present = new Set(current);
    const originals = new Map<string, SheetFate>();
    for (const [ws, name] of this.original) {
      if (present.has(ws)) {
        const changes: CellChange[] = [];
        for (const m of this.marks.get(ws)?.values() ?? []) {
          const change: CellChange = { row: m.row, col: m.col };
          if (m.current.fill !== m.original.fill) change.fill = m.current.fill;
          if (m.current.note !== m.original.note) change.note = m.current.note;
          if (change.fill !== undefined || change.note !== undefined) changes.push(change);
        }
        originals.set(name, { kind: "keep", changes });
      } else originals.set(name, { kind: "delete" });
    }
    const added = [];
    for (const ws of current) {
      if (!this.rendered.has(ws)) continue;
      const sheet = { name: ws.name, state: visibility(ws), model: ws.model };
      const origin = this.rendered.get(ws);
      // The original it replaces is gone from the model, or is this very worksheet rewritten in place.
      if (origin && originals.get(origin)?.kind !== "keep") originals.set(origin, { kind: "replace", sheet });
      else added.push(sheet);
    }
    return { originals, added };
  }

  write(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
    return splicePackage(this.bytes, this.plan(workbook));
  }
}
