/**
 * Lays out Volymtal like the seed: Basuppdrag (volymmått) | Mars 2022 | Mars 2023 | Prognos 2023,
 * with Förändring i % of the main number. Cells are written back in the form they were read:
 * a plain count as a number, "347 (28) flickor 182 (4) (53 %)" as that same text.
 */
import { formatVolume, type VolumeValue, volumeChange } from "../domain/volumes";
import type { VolumeModel } from "../mapping/volumes/detect";
import { cellAddress } from "../workbook/address";
import { COLORS } from "./driftsammandrag";
import type { TableJson } from "./investeringar";
import { formatText } from "./numberFormat";
import { emptySheetSpec, type SheetSpec, type SpecCell } from "./sheetSpec";

const CHANGE_FORMAT = "+0.0 %;-0.0 %;0.0 %";

const plain = (v: VolumeValue) => v.tokens.length === 1 && v.tokens[0].kind === "number";

function valueCell(v: VolumeValue | null): SpecCell {
  if (!v || v.text === "") return { value: null };
  return plain(v) ? { value: v.main, numberFormat: "#,##0" } : { value: formatVolume(v) };
}

export function volumeSheetName(model: VolumeModel): string {
  const latest = model.periods[model.periods.length - 1];
  return `Volymtal ${latest.label.toLocaleLowerCase("sv-SE")}`;
}

export function layoutVolumes(
  model: VolumeModel,
  options: { sheetName: string },
): { spec: SheetSpec; json: TableJson } {
  const n = model.periods.length;
  const columns = [
    ...model.periods.map((p) => p.label),
    ...(model.forecastHeader ? [model.forecastHeader] : []),
    "Förändring",
  ];
  const width = columns.length + 1;
  const rows: SpecCell[][] = [
    [{ value: "Volymutveckling" }],
    [{ value: model.labelHeader }, ...columns.map((c) => ({ value: c }))],
  ];
  const json: TableJson["rows"] = [];
  model.rows.forEach((row, i) => {
    const r = 2 + i;
    const cells: SpecCell[] = [{ value: row.label }, ...row.values.map(valueCell)];
    if (model.forecastHeader) cells.push(valueCell(row.forecast));
    const before = row.values[n - 2];
    const now = row.values[n - 1];
    const change = volumeChange(before, now);
    cells.push(
      change === null
        ? { value: null }
        : {
            value: change,
            numberFormat: CHANGE_FORMAT,
            // A formula when both are plain counts; else computed on the first number of each text.
            ...(plain(before) && plain(now)
              ? { formula: `=${cellAddress(r, n)}/${cellAddress(r, n - 1)}-1` }
              : {}),
          },
    );
    rows.push(cells);
    json.push({
      label: row.label,
      role: "volym",
      values: cells
        .slice(1)
        .map((c) => (typeof c.value === "number" || typeof c.value === "string" ? c.value : null)),
      text: cells.slice(1).map((c) => formatText(c.value, c.numberFormat)),
    });
  });
  rows.push([{ value: null }]);
  rows.push([
    {
      value: `Källa: ${model.sourceRange}. Förändringen räknas på det första talet i varje cell (totalen). Skapat av Nämnduppföljning.`,
    },
  ]);
  const spec = emptySheetSpec(options.sheetName);
  spec.rows = rows;
  const range = (top: number, left: number, bottom: number, right: number) => ({ top, left, bottom, right });
  spec.styles.push({ range: range(0, 0, 0, 0), style: { bold: true, fontSize: 14 } });
  spec.styles.push({
    range: range(1, 0, 1, width - 1),
    style: {
      bold: true,
      wrapText: true,
      fill: COLORS.headerFill,
      borderBottom: "thin",
      verticalAlignment: "bottom",
    },
  });
  spec.styles.push({
    range: range(2, 0, 1 + model.rows.length, width - 1),
    style: { wrapText: true, verticalAlignment: "top" },
  });
  spec.styles.push({
    range: range(1 + model.rows.length, 0, 1 + model.rows.length, width - 1),
    style: { borderBottom: "thin" },
  });
  spec.styles.push({
    range: range(3 + model.rows.length, 0, 3 + model.rows.length, 0),
    style: { italic: true, fontColor: COLORS.note },
  });
  spec.columnWidths = [44, ...model.periods.map(() => 26), ...(model.forecastHeader ? [18] : []), 12];
  spec.print = { orientation: "landscape", fitToPagesWide: 1, paperSize: "A4" };
  spec.tabColor = "#2F5597";
  return {
    spec,
    json: {
      kind: "volymtal",
      sheet: options.sheetName,
      title: "Volymutveckling",
      unit: null,
      columns,
      rows: json,
    },
  };
}
