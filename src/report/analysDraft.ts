/**
 * A draft "Analys och kommentar" in the seeds' register, built from the numbers only (no language
 * model, no network): the period's result, the full-year forecast or bokslut, the largest
 * deviations by verksamhet with their sign, the change since the last forecast round with its
 * comments, the investments and the personnel figures judged. Every figure in the text is listed
 * under it with the cell it came from, as a formula referring to that cell, so LibreOffice and the
 * economist can check each one.
 */
import type { ReportResult } from "../domain/budget/compute";
import type { InvestmentReport } from "../domain/investments/compute";
import { STATUS_LABEL } from "../domain/indicators/judge";
import { formatSwedishNumber } from "../domain/numbers";
import { parseIndicatorValue } from "../domain/indicators/values";
import { formatText } from "./numberFormat";
import { formatLike } from "./personal";
import type { JudgedPersonnelRow, PersonnelModel } from "../domain/personnel";
import { volumeChange } from "../domain/volumes";
import type { VolumeModel } from "../mapping/volumes/detect";
import { MONTH_NAMES_SV } from "../domain/months";
import { fromKr, type Unit } from "../domain/units";
import { cellAddress, quoteSheetName } from "../workbook/address";
import { COLORS } from "./driftsammandrag";
import { FIRST_DATA_ROW as INVESTMENT_FIRST_ROW, investmentColumns } from "./investeringar";
import { emptySheetSpec, type SheetSpec, type SpecCell } from "./sheetSpec";

const DRIFT_FIRST_ROW = 4;
export const DRAFT_FIRST_ROW = 3;
export const DRAFT_SHEET = "Analys och kommentar";

/** One number in the text and where it came from. */
export interface DraftFigure {
  /** As written in the text: "8,7 mnkr". */
  text: string;
  /** The cell's value (report unit, unrounded). */
  value: number;
  /** "'Driftsammandrag 2023-03'!D17" */
  cell: string;
  /** What the number is: "Avvikelse, Summa nettokostnader". */
  what: string;
}

export interface Draft {
  paragraphs: string[];
  figures: DraftFigure[];
}

export interface DraftSources {
  unit: Unit;
  period?: { result: ReportResult; sheet: string };
  fullYear?: { result: ReportResult; sheet: string; comments?: Record<string, string> };
  investments?: { report: InvestmentReport; sheet: string };
  personnel?: { model: PersonnelModel; rows: JudgedPersonnelRow[]; sheet: string };
  volumes?: { model: VolumeModel; sheet: string };
}

export function buildDraft(sources: DraftSources): Draft {
  const { unit } = sources;
  const figures: DraftFigure[] = [];
  const decimals = unit === "mnkr" ? 1 : 0;
  const amount = (kr: number, cell: string, what: string, signed = false): string => {
    const value = fromKr(kr, unit);
    const shown = formatSwedishNumber(signed ? value : Math.abs(value), decimals);
    const text = `${shown} ${unit}`;
    figures.push({ text, value, cell, what });
    return text;
  };
  const outcomeWord = (kr: number, cell: string, what: string): string => {
    const half = 0.5 * 10 ** -decimals;
    if (Math.abs(fromKr(kr, unit)) < half) {
      amount(kr, cell, what);
      return "en budget i balans";
    }
    return `${kr < 0 ? "ett underskott" : "ett överskott"} med ${amount(kr, cell, what)}`;
  };
  const paragraphs: string[] = [];

  const deviationRef = (src: { result: ReportResult; sheet: string }) => {
    const def = src.result.definition;
    const dev = def.columns.findIndex((c) => c.type === "deviation");
    if (dev < 0) return null;
    const at = (rowIndex: number) =>
      `${quoteSheetName(src.sheet)}!${cellAddress(DRIFT_FIRST_ROW + rowIndex, dev + 1)}`;
    return { dev, at };
  };

  if (sources.period) {
    const ref = deviationRef(sources.period);
    const total = sources.period.result.rows[sources.period.result.totalIndex];
    const kr = ref ? total?.values[ref.dev] : null;
    if (ref && kr !== null && kr !== undefined) {
      const month = /(\d{4})-(\d{2})$/.exec(sources.period.result.definition.sheetName);
      const until = month
        ? `till och med ${MONTH_NAMES_SV[Number(month[2]) - 1]} ${month[1]}`
        : "för perioden";
      paragraphs.push(
        `Resultatet för nämnden ${until} innebär ${outcomeWord(kr, ref.at(sources.period.result.totalIndex), `Avvikelse, ${total.label}`)} jämfört med periodiserad budget.`,
      );
    }
  }

  if (sources.fullYear) {
    const fy = sources.fullYear;
    const ref = deviationRef(fy);
    const total = fy.result.rows[fy.result.totalIndex];
    const kr = ref ? total?.values[ref.dev] : null;
    if (ref && kr !== null && kr !== undefined) {
      const year = /(\d{4})/.exec(fy.result.definition.sheetName)?.[1] ?? "";
      const isForecast = /prognos/.test(fy.result.definition.sheetName);
      const what = `Avvikelse, ${total.label}`;
      const at = ref.at(fy.result.totalIndex);
      paragraphs.push(
        isForecast
          ? `Bedömningen i denna prognos är ${outcomeWord(kr, at, what)} för år ${year}.`
          : `Bokslutet för år ${year} innebär ${outcomeWord(kr, at, what)}.`,
      );
      // The largest deviations by verksamhet, with their sign.
      const posts = fy.result.rows
        .map((r, i) => ({ r, i, kr: r.values[ref.dev] }))
        .filter((x): x is { r: typeof x.r; i: number; kr: number } => x.r.role === "post" && x.kr !== null);
      const half = 0.5 * 10 ** -decimals;
      const worst = posts
        .filter((p) => fromKr(p.kr, unit) <= -half)
        .sort((a, b) => a.kr - b.kr)
        .slice(0, 3);
      const best = posts
        .filter((p) => fromKr(p.kr, unit) >= half)
        .sort((a, b) => b.kr - a.kr)
        .slice(0, 2);
      const list = (xs: typeof posts) =>
        xs.map((p) => `${p.r.label} (${amount(p.kr, ref.at(p.i), `Avvikelse, ${p.r.label}`, true)})`);
      const joinSv = (xs: string[]) =>
        xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} och ${xs[xs.length - 1]}`;
      const parts: string[] = [];
      if (worst.length) parts.push(`De största negativa avvikelserna finns inom ${joinSv(list(worst))}`);
      if (best.length) parts.push(`de största positiva inom ${joinSv(list(best))}`);
      if (parts.length) {
        const s = parts.join(", medan ");
        paragraphs.push(`${s.charAt(0).toUpperCase()}${s.slice(1)}.`);
      }
      // The change since the last forecast round, with the economist's comments.
      const change = fy.result.definition.columns.findIndex((c) => c.type === "change");
      const changeKr = change >= 0 ? total.values[change] : null;
      if (change >= 0 && changeKr !== null && changeKr !== undefined) {
        const at2 = `${quoteSheetName(fy.sheet)}!${cellAddress(DRIFT_FIRST_ROW + fy.result.totalIndex, change + 1)}`;
        const half2 = 0.5 * 10 ** -decimals;
        const verb =
          Math.abs(fromKr(changeKr, unit)) < half2
            ? "är prognosen i stort sett oförändrad"
            : changeKr > 0
              ? "har prognosen förbättrats med"
              : "har prognosen försämrats med";
        const amountText = amount(changeKr, at2, "Förändring mot föregående prognos, summa");
        const sentence = verb.endsWith("med")
          ? `Jämfört med föregående prognos ${verb} ${amountText}.`
          : `Jämfört med föregående prognos ${verb} (${amountText}).`;
        const commented = Object.entries(fy.comments ?? {})
          .filter(([, c]) => c.trim() !== "")
          .map(([label, c]) => `${label}: ${c.trim().replace(/\.$/, "")}`);
        paragraphs.push(
          commented.length
            ? `${sentence} Kommentarer från föregående prognos: ${commented.join("; ")}.`
            : sentence,
        );
      }
    }
  }

  if (sources.investments) {
    const inv = sources.investments;
    const defs = investmentColumns(inv.report);
    const summaIndex = inv.report.rows.findIndex((r) => r.role === "summa");
    const summa = inv.report.rows[summaIndex];
    const at = (pred: (d: (typeof defs)[number]) => boolean) =>
      `${quoteSheetName(inv.sheet)}!${cellAddress(INVESTMENT_FIRST_ROW + summaIndex, defs.findIndex(pred) + 1)}`;
    const net = summa.figures.fullYear?.net ?? null;
    if (net !== null) {
      const full = inv.report.groups.find((g) => g.group === "fullYear")!;
      const forecast = /prognos/i.test(full.header);
      let s = `${forecast ? "Investeringarna beräknas för helåret till" : "Investeringarna uppgick till"} ${amount(
        net,
        at((d) => d.kind === "figure" && d.group === "fullYear" && d.measure === "net"),
        "Investeringar, netto helår",
        true,
      )} netto`;
      if (summa.budget !== null && summa.deviation !== null) {
        s += ` mot en investeringsram på ${amount(
          summa.budget,
          at((d) => d.kind === "budget"),
          "Investeringsram",
        )}, vilket ger ${outcomeWord(
          summa.deviation,
          at((d) => d.kind === "deviation"),
          "Avvikelse, investeringar",
        )}`;
      }
      paragraphs.push(`${s}.`);
    }
  }

  if (sources.volumes) {
    // Volumes explain costs: the change of each measure's total, as the reports say it.
    const v = sources.volumes;
    const n = v.model.periods.length;
    const changeCol = n + (v.model.forecastHeader ? 1 : 0) + 1;
    const before = v.model.periods[n - 2];
    const sentences = v.model.rows
      .map((row, i) => {
        const change = volumeChange(row.values[n - 2], row.values[n - 1]);
        if (change === null) return null;
        const text = formatSwedishNumber(Math.abs(change) * 100, 1) + " %";
        figures.push({
          text,
          value: change,
          cell: `${quoteSheetName(v.sheet)}!${cellAddress(2 + i, changeCol)}`,
          what: `Förändring, ${row.label}`,
        });
        const label = row.label
          .replace(/\s*\(.*?\)\s*/g, " ")
          .replace(/\s+/g, " ")
          .trim()
          .replace(/[,;:]$/, "");
        const verb =
          Math.abs(change) < 0.0005
            ? "är oförändrat"
            : change > 0
              ? `har ökat med ${text}`
              : `har minskat med ${text}`;
        return `${label.charAt(0).toUpperCase()}${label.slice(1)} ${verb} jämfört med ${before.label.toLocaleLowerCase("sv-SE")} (från ${row.values[n - 2].main} till ${row.values[n - 1].main})`;
      })
      .filter((x): x is string => x !== null);
    if (sentences.length) paragraphs.push(`${sentences.join(". ")}.`);
  }

  if (sources.personnel) {
    const p = sources.personnel;
    const n = p.model.periods.length;
    const latest = p.model.periods[n - 1];
    const sentences = p.rows
      .map((row, i) => {
        const v = row.values[n - 1];
        if (v.kind !== "number" || v.parts.length !== 1) return null;
        const at = `${quoteSheetName(p.sheet)}!${cellAddress(2 + i, n)}`;
        // Written as the Personal sheet shows it ("5,2 %").
        const text = formatText(v.parts[0].value, formatLike(v));
        figures.push({ text, value: v.parts[0].value, cell: at, what: `${row.label}, ${latest.label}` });
        const t = row.target === null ? null : parseIndicatorValue(row.target);
        const targetText =
          t === null || t.kind === "missing"
            ? null
            : t.kind === "number" && t.parts.length === 1
              ? formatText(t.parts[0].value, formatLike(t))
              : row.target?.trim();
        const target = targetText ? ` mot målvärdet ${targetText}` : "";
        const judged = row.status === "notAssessed" ? "" : ` (${STATUS_LABEL[row.status]})`;
        return `${row.label} ${latest.label.toLocaleLowerCase("sv-SE")} var ${text}${target}${judged}`;
      })
      .filter((s): s is string => s !== null);
    if (sentences.length) paragraphs.push(`${sentences.join(". ")}.`);
  }
  return { paragraphs, figures };
}

export interface DraftLayoutOptions {
  sheetName: string;
  /** The economist's edited draft, kept on its own sheet: the differences are listed. */
  edited?: { sheet: string; paragraphs: string[] } | null;
}

export function layoutDraft(draft: Draft, options: DraftLayoutOptions): SheetSpec {
  const spec = emptySheetSpec(options.sheetName);
  const rows: SpecCell[][] = [];
  const blank = (): SpecCell[] => [{ value: null }, { value: null }, { value: null }, { value: null }];
  rows.push([{ value: "Analys och kommentar (utkast)" }, { value: null }, { value: null }, { value: null }]);
  rows.push([
    {
      value:
        "Utkastet bygger enbart på siffrorna i tabellerna; redigera texten här. Nämnduppföljning skriver aldrig över en redigerad text.",
    },
    { value: null },
    { value: null },
    { value: null },
  ]);
  rows.push(blank());
  for (const p of draft.paragraphs)
    rows.push([{ value: p }, { value: null }, { value: null }, { value: null }]);
  const paragraphsEnd = rows.length - 1;
  rows.push(blank());
  const figuresHeader = rows.length;
  rows.push([
    { value: "Siffra i texten" },
    { value: "Värde i cellen" },
    { value: "Cell" },
    { value: "Avser" },
  ]);
  for (const f of draft.figures) {
    rows.push([
      { value: f.text },
      { value: f.value, formula: `=${f.cell}`, numberFormat: "#,##0.0##" },
      { value: f.cell },
      { value: f.what },
    ]);
  }
  let diffHeader = -1;
  if (options.edited) {
    rows.push(blank());
    diffHeader = rows.length;
    rows.push([
      { value: `Skillnader mot den redigerade texten på bladet "${options.edited.sheet}"` },
      { value: null },
      { value: null },
      { value: null },
    ]);
    for (const d of paragraphDiff(options.edited.paragraphs, draft.paragraphs)) {
      rows.push([{ value: d }, { value: null }, { value: null }, { value: null }]);
    }
  }
  spec.rows = rows;
  const range = (top: number, left: number, bottom: number, right: number) => ({ top, left, bottom, right });
  spec.styles.push({ range: range(0, 0, 0, 0), style: { bold: true, fontSize: 14 } });
  spec.styles.push({ range: range(1, 0, 1, 0), style: { italic: true, fontColor: COLORS.note } });
  if (paragraphsEnd >= DRAFT_FIRST_ROW)
    spec.styles.push({
      range: range(DRAFT_FIRST_ROW, 0, paragraphsEnd, 0),
      style: { wrapText: true, verticalAlignment: "top" },
    });
  spec.styles.push({
    range: range(figuresHeader, 0, figuresHeader, 3),
    style: { bold: true, fill: COLORS.headerFill, borderBottom: "thin" },
  });
  if (diffHeader >= 0)
    spec.styles.push({ range: range(diffHeader, 0, diffHeader, 0), style: { bold: true } });
  spec.columnWidths = [90, 14, 34, 40];
  spec.rowHeights = draft.paragraphs.map((p, i) => ({
    row: DRAFT_FIRST_ROW + i,
    points: 15 * Math.max(1, Math.ceil(p.length / 85)) + 2,
  }));
  spec.print = { orientation: "landscape", fitToPagesWide: 1, paperSize: "A4" };
  spec.tabColor = "#2F5597";
  return spec;
}

/** Paragraph by paragraph: what the economist wrote and what the new draft says, where they differ. */
export function paragraphDiff(edited: string[], fresh: string[]): string[] {
  const out: string[] = [];
  const n = Math.max(edited.length, fresh.length);
  for (let i = 0; i < n; i++) {
    const a = edited[i] ?? "";
    const b = fresh[i] ?? "";
    if (a === b) continue;
    out.push(`Stycke ${i + 1}, redigerat: ${a === "" ? "(saknas)" : a}`);
    out.push(`Stycke ${i + 1}, nytt utkast: ${b === "" ? "(saknas)" : b}`);
  }
  if (out.length === 0) out.push("Inga skillnader.");
  return out;
}
