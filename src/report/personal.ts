/**
 * Lays out the Personal table like the seeds: Personal | Mars 2022 | Mars 2023 | Målvärde 2023,
 * with Förändring (a formula) and the judgement in the indicators' words and colours. Values are
 * written back in the form they were read: "6,0 %" stays a number shown as 6,0 %, "-" stays "-".
 */
import { STATUS_LABEL } from "../domain/indicators/judge";
import { parseTarget } from "../domain/indicators/targets";
import { parseIndicatorValue, type ParsedValue } from "../domain/indicators/values";
import type { JudgedPersonnelRow, PersonnelModel } from "../domain/personnel";
import { cellAddress } from "../workbook/address";
import { COLORS } from "./driftsammandrag";
import type { TableJson } from "./investeringar";
import { STATUS_COLORS } from "./malavstamning";
import { formatText } from "./numberFormat";
import { emptySheetSpec, type SheetSpec, type SpecCell } from "./sheetSpec";

/** The number format that shows a value as it was typed: decimals and a "%" kept. */
export function formatLike(value: ParsedValue): string {
  const part = value.parts[0];
  const decimals = /,(\d+)/.exec(part?.text ?? "")?.[1]?.length ?? 0;
  const body = decimals > 0 ? `#,##0.${"0".repeat(decimals)}` : "#,##0";
  return part?.unit === "%" ? `${body}" %"` : body;
}

/** A plain target ("5,0 %") is a number; a bound ("≤ 7 %", "minst 90 %") keeps its words. */
function targetCell(text: string): SpecCell {
  return parseTarget(text).kind === "number" ? valueCell(parseIndicatorValue(text)) : { value: text };
}

function valueCell(value: ParsedValue): SpecCell {
  if (value.kind === "number" && value.parts.length === 1) {
    return { value: value.parts[0].value, numberFormat: formatLike(value) };
  }
  return { value: value.text === "" ? null : value.text };
}

/** "Personal mars 2023": the latest period's label. */
export function personnelSheetName(model: PersonnelModel): string {
  const latest = model.periods[model.periods.length - 1];
  return latest ? `Personal ${latest.label.toLocaleLowerCase("sv-SE")}` : "Personal";
}

export function layoutPersonnel(
  model: PersonnelModel,
  rows: JudgedPersonnelRow[],
  options: { sheetName: string },
): { spec: SheetSpec; json: TableJson } {
  const spec = emptySheetSpec(options.sheetName);
  const columns = [
    ...model.periods.map((p) => p.label),
    model.targetHeader ?? "Målvärde",
    "Förändring",
    "Bedömning",
    "Motivering",
  ];
  const n = model.periods.length;
  const width = columns.length + 1;
  const out: SpecCell[][] = [
    [{ value: "Personal" }, ...columns.map(() => ({ value: null }))],
    [{ value: "Personal" }, ...columns.map((c) => ({ value: c }))],
  ];
  const json: TableJson["rows"] = [];
  rows.forEach((row, i) => {
    const r = 2 + i;
    const cells: SpecCell[] = [{ value: row.label }, ...row.values.map(valueCell)];
    cells.push(row.target === null ? { value: null } : targetCell(row.target));
    const latest = row.values[n - 1];
    cells.push(
      row.change === null
        ? { value: null }
        : {
            value: row.change,
            formula: `=${cellAddress(r, n)}-${cellAddress(r, n - 1)}`,
            // A change between two percentages is in procentenheter ("−0,6 p.e."), not per cent.
            numberFormat: formatLike(latest).replace('" %"', '" p.e."'),
          },
    );
    cells.push({ value: STATUS_LABEL[row.status] });
    cells.push({ value: row.judgement.reason });
    out.push(cells);
    json.push({
      label: row.label,
      role: row.status,
      values: cells
        .slice(1)
        .map((c) => (typeof c.value === "number" || typeof c.value === "string" ? c.value : null)),
      text: cells.slice(1).map((c) => formatText(c.value, c.numberFormat)),
    });
  });
  out.push(Array.from({ length: width }, () => ({ value: null })));
  out.push([
    {
      value: `Källa: ${model.sourceRange}. Bedömningen följer indikatorernas regler (mot målvärdet, med utvecklingen sedan förra perioden). Skapat av Nämnduppföljning.`,
    },
  ]);
  spec.rows = out;
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
  spec.styles.push({ range: range(1, 1, 1, n + 2), style: { horizontalAlignment: "right" } });
  spec.styles.push({ range: range(2, 1, 1 + rows.length, n + 1), style: { horizontalAlignment: "right" } });
  rows.forEach((row, i) => {
    const c = STATUS_COLORS[row.status];
    // The value judged and its judgement carry the status colour, as in Målavstämning.
    spec.styles.push({ range: range(2 + i, n, 2 + i, n), style: { fill: c.fill, fontColor: c.font } });
    spec.styles.push({
      range: range(2 + i, n + 3, 2 + i, n + 3),
      style: { fill: c.fill, fontColor: c.font, bold: true },
    });
  });
  spec.styles.push({
    range: range(1 + rows.length, 0, 1 + rows.length, width - 1),
    style: { borderBottom: "thin" },
  });
  spec.styles.push({ range: range(2, width - 1, 1 + rows.length, width - 1), style: { wrapText: true } });
  spec.styles.push({
    range: range(3 + rows.length, 0, 3 + rows.length, 0),
    style: { italic: true, fontColor: COLORS.note },
  });
  spec.columnWidths = [32, ...model.periods.map(() => 12), 13, 12, 15, 48];
  spec.print = { orientation: "landscape", fitToPagesWide: 1, paperSize: "A4" };
  spec.tabColor = "#2F5597";
  return {
    spec,
    json: { kind: "personal", sheet: options.sheetName, title: "Personal", unit: null, columns, rows: json },
  };
}
