/**
 * A draft "Analys och kommentar" in the seeds' register, built from the numbers only (no language
 * model, no network): the period's result, the full-year forecast or bokslut, the largest
 * deviations by verksamhet with their sign, the change since the last forecast round with its
 * comments, the investments and the personnel figures judged. Every figure in the text is listed
 * under it with the cell it came from, as a formula referring to that cell, so LibreOffice and the
 * economist can check each one.
 */
import type { ReportResult } from "../domain/budget/compute";
import type { TotalInterval, YearSeries } from "../domain/forecast";
import type { InvestmentReport } from "../domain/investments/compute";
import { STATUS_LABEL } from "../domain/indicators/judge";
import { formatSwedishNumber } from "../domain/numbers";
import { parseIndicatorValue } from "../domain/indicators/values";
import { parseTarget } from "../domain/indicators/targets";
import { formatText } from "./numberFormat";
import { formatLike } from "./personal";
import type { JudgedPersonnelRow, PersonnelModel } from "../domain/personnel";
import { volumeChange } from "../domain/volumes";
import type { VolumeModel } from "../mapping/volumes/detect";
import { MONTH_NAMES_SV, MONTH_SHORT_SV } from "../domain/months";
import { fromKr, UNIT_FACTOR, type Unit } from "../domain/units";
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
  /**
   * How the draft sheet computes the value from the cells: undefined = `=cell`; a formula in
   * which `{k}` stands for figure k's value on the draft sheet; null = a number with no cell of
   * its own (a sum over a volume table, the forecast's interval), written as it is and
   * explained in `cell` and `what`.
   */
  formula?: string | null;
}

export interface Draft {
  paragraphs: string[];
  figures: DraftFigure[];
}

/** Monthly volumes per report row (a ledger's volume table: vårddygn, placeringar, timmar …). */
export interface DraftVolumeSeries {
  /** The report's year and its last booked month (1–12). */
  year: number;
  month: number;
  rows: { label: string; volume: YearSeries }[];
  /** The volume's name as the table heads it ("Vårddygn"); null when unknown. */
  name: string | null;
  /** Where the volumes were read: "bladet 'Volymer'". */
  source: string;
}

export interface DraftSources {
  unit: Unit;
  period?: { result: ReportResult; sheet: string };
  fullYear?: {
    result: ReportResult;
    sheet: string;
    comments?: Record<string, string>;
    /** The full-year total's interval from the forecast pipeline (or why there is none). */
    interval?: TotalInterval | { unavailable: string };
  };
  volumeSeries?: DraftVolumeSeries;
  investments?: { report: InvestmentReport; sheet: string };
  personnel?: { model: PersonnelModel; rows: JudgedPersonnelRow[]; sheet: string };
  volumes?: { model: VolumeModel; sheet: string };
}

export function buildDraft(sources: DraftSources): Draft {
  const { unit } = sources;
  const figures: DraftFigure[] = [];
  const decimals = unit === "mnkr" ? 1 : 0;
  const amount = (
    kr: number,
    cell: string,
    what: string,
    signed = false,
    formula?: string | null,
  ): string => {
    const value = fromKr(kr, unit);
    const shown = formatSwedishNumber(signed ? value : Math.abs(value), decimals);
    const text = `${shown} ${unit}`;
    figures.push({ text, value, cell, what, ...(formula !== undefined ? { formula } : {}) });
    return text;
  };
  /** A share as the reports write it ("3,5 %", "25 %"), its value a fraction. */
  const percent = (fraction: number, cell: string, what: string, formula: string): string => {
    const text = percentText(fraction);
    figures.push({ text, value: fraction, cell, what, formula });
    return text;
  };
  /** The index the next figure gets: its `{k}` in a later formula. */
  const nextFigure = () => figures.length;
  const half = 0.5 * 10 ** -decimals;
  const costFactor = (r: ReportResult) => (r.costSign === "negative" ? -1 : 1);
  /** A count with no cell of its own (a sum over a volume table), written as it is. */
  const plain = (value: number, cell: string, what: string): string => {
    const text = formatSwedishNumber(value, Number.isInteger(value) ? 0 : 1);
    figures.push({ text, value, cell, what, formula: null });
    return text;
  };
  const krFigure = (value: number, cell: string, what: string, formula: string): string => {
    const text = `${formatSwedishNumber(value, 0)} kr`;
    figures.push({ text, value, cell, what, formula });
    return text;
  };
  /**
   * " (80 % intervall: ett underskott med 16,6–55,6 mnkr)": the total forecast's interval as a
   * deviation, each end the deviation cell shifted by the interval's distance from the forecast.
   */
  const intervalClause = (
    iv: TotalInterval | { unavailable: string },
    devKr: number,
    devCell: string,
  ): string => {
    if ("unavailable" in iv) return "";
    const [lo, hi] = iv.interval80;
    const above = hi - iv.forecast; // more cost: a worse deviation
    const below = iv.forecast - lo;
    const worst = devKr - above;
    const best = devKr + below;
    const basis = `${iv.basis} Prognos helår (summa) ${formatSwedishNumber(iv.forecast, 0)} kr, 80 %-intervall ${formatSwedishNumber(lo, 0)}–${formatSwedishNumber(hi, 0)} kr.`;
    const lit = (kr: number) => String(fromKr(kr, unit));
    const worstWhat = `Avvikelse vid 80 %-intervallets övre gräns för nettokostnaden. ${basis}`;
    const bestWhat = `Avvikelse vid 80 %-intervallets nedre gräns för nettokostnaden.`;
    const worstFormula = `=${devCell}-${lit(above)}`;
    const bestFormula = `=${devCell}+${lit(below)}`;
    const rounds = (kr: number) => Math.abs(fromKr(kr, unit)) < half;
    if (worst < 0 && best < 0 && !rounds(best)) {
      const a = amount(best, devCell, bestWhat, false, bestFormula);
      const b = amount(worst, devCell, worstWhat, false, worstFormula);
      return ` (80 % intervall: ett underskott med ${a.replace(` ${unit}`, "")}–${b})`;
    }
    if (worst > 0 && best > 0 && !rounds(worst)) {
      const a = amount(worst, devCell, worstWhat, false, worstFormula);
      const b = amount(best, devCell, bestWhat, false, bestFormula);
      return ` (80 % intervall: ett överskott med ${a.replace(` ${unit}`, "")}–${b})`;
    }
    const a = amount(worst, devCell, worstWhat, false, worstFormula);
    const b = amount(best, devCell, bestWhat, false, bestFormula);
    return ` (80 % intervall: från ${worst < 0 ? "ett underskott" : "ett överskott"} med ${a} till ${best < 0 ? "ett underskott" : "ett överskott"} med ${b})`;
  };
  /**
   * The change of the net cost against the prior-year column (index 3 of both reports), with the
   * cells: a diff figure and its share of the prior year.
   */
  const priorChange = (src: { result: ReportResult; sheet: string }) => {
    const def = src.result.definition;
    const prior = def.columns[3];
    if (prior?.type !== "source" || def.columns[0]?.type !== "source") return null;
    const total = src.result.rows[src.result.totalIndex];
    const cur = total?.values[0];
    const before = total?.values[3];
    if (cur === null || cur === undefined || before === null || before === undefined) return null;
    const f = costFactor(src.result);
    const at = (c: number) =>
      `${quoteSheetName(src.sheet)}!${cellAddress(DRIFT_FIRST_ROW + src.result.totalIndex, c + 1)}`;
    const diffKr = (cur - before) * f;
    const k = nextFigure();
    const diffText = amount(
      diffKr,
      `${at(0)}, ${at(3)}`,
      `Förändring av ${total.label.toLocaleLowerCase("sv-SE")} mot ${prior.header.toLocaleLowerCase("sv-SE")}`,
      false,
      f === 1 ? `=${at(0)}-${at(3)}` : `=${at(3)}-${at(0)}`,
    );
    if (Math.abs(fromKr(diffKr, unit)) < half)
      return { diffKr: 0, diffText, pctText: null, header: prior.header };
    const pct =
      before === 0
        ? null
        : percent(
            diffKr / Math.abs(before),
            at(3),
            `Förändring i procent av ${prior.header.toLocaleLowerCase("sv-SE")}`,
            `={${k}}/ABS(${at(3)})`,
          );
    return { diffKr, diffText, pctText: pct, header: prior.header };
  };
  const outcomeWord = (kr: number, cell: string, what: string): string => {
    if (Math.abs(fromKr(kr, unit)) < 0.5 * 10 ** -decimals) {
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
      let text = `Resultatet för nämnden ${until} innebär ${outcomeWord(kr, ref.at(sources.period.result.totalIndex), `Avvikelse, ${total.label}`)} jämfört med periodiserad budget.`;
      const change = priorChange(sources.period);
      if (change)
        text +=
          change.diffKr === 0
            ? ` Nettokostnaderna är i nivå med samma period föregående år.`
            : ` Nettokostnaderna är ${change.diffText}${change.pctText ? ` (${change.pctText})` : ""} ${change.diffKr > 0 ? "högre" : "lägre"} än samma period föregående år.`;
      paragraphs.push(text);
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
      let headline = isForecast
        ? `Bedömningen i denna prognos är ${outcomeWord(kr, at, what)} för år ${year}`
        : `Bokslutet för år ${year} innebär ${outcomeWord(kr, at, what)}`;
      if (isForecast && fy.interval) headline += intervalClause(fy.interval, kr, at);
      headline += ".";
      if (isForecast && fy.interval && "unavailable" in fy.interval)
        headline += ` Prognosens osäkerhet för helåret kan inte anges: ${fy.interval.unavailable}`;
      const prior = priorChange(fy);
      if (prior) {
        const header = prior.header.replace(/^Bokslut/, "bokslut");
        const verb = isForecast
          ? prior.diffKr > 0
            ? "beräknas nettokostnaderna öka med"
            : "beräknas nettokostnaderna minska med"
          : prior.diffKr > 0
            ? "ökade nettokostnaderna med"
            : "minskade nettokostnaderna med";
        headline +=
          prior.diffKr === 0
            ? ` Nettokostnaderna ${isForecast ? "beräknas bli" : "blev"} i nivå med ${header}.`
            : ` Jämfört med ${header} ${verb} ${prior.diffText}${prior.pctText ? ` (${prior.pctText})` : ""}.`;
      }
      paragraphs.push(headline);
      // The largest deviations by verksamhet, with their sign.
      const posts = fy.result.rows
        .map((r, i) => ({ r, i, kr: r.values[ref.dev] }))
        .filter((x): x is { r: typeof x.r; i: number; kr: number } => x.r.role === "post" && x.kr !== null);
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

  if (sources.volumeSeries && sources.period) {
    const explained = volumeExplanations(
      sources.volumeSeries,
      sources.period,
      sources.fullYear,
      half * UNIT_FACTOR[unit],
    );
    for (const e of explained) {
      const w = volumeWords(sources.volumeSeries.name);
      const kV0 = nextFigure();
      const v0 = plain(
        e.v0,
        e.v0Cell,
        `${w.plural}, ${e.label}, ${e.months} ${sources.volumeSeries.year - 1}`,
      );
      const kV1 = nextFigure();
      const v1 = plain(e.v1, e.v1Cell, `${w.plural}, ${e.label}, ${e.months} ${sources.volumeSeries.year}`);
      const change = percent(
        e.v1 / e.v0 - 1,
        `${e.v0Cell}; ${e.v1Cell}`,
        `Förändring av ${w.plural}, ${e.label}`,
        `={${kV1}}/{${kV0}}-1`,
      );
      const factor = UNIT_FACTOR[unit];
      const kP0 = nextFigure();
      const p0 = krFigure(
        e.c0 / e.v0,
        e.c0Cell,
        `Kostnad per ${w.singular}, ${e.label}, ${e.months} ${sources.volumeSeries.year - 1}`,
        `=${e.c0Cell}*${factor}/{${kV0}}`,
      );
      const kP1 = nextFigure();
      const p1 = krFigure(
        e.c1 / e.v1,
        e.c1Cell,
        `Kostnad per ${w.singular}, ${e.label}, ${e.months} ${sources.volumeSeries.year}`,
        `=${e.c1Cell}*${factor}/{${kV1}}`,
      );
      const dC = e.c1 - e.c0;
      const costText = amount(
        dC,
        `${e.c1Cell}, ${e.c0Cell}`,
        `Kostnadsförändring, ${e.label}`,
        false,
        `=${e.c1Cell}-${e.c0Cell}`,
      );
      const volumeKr = (e.v1 - e.v0) * (e.c0 / e.v0);
      const priceKr = (e.c1 / e.v1 - e.c0 / e.v0) * e.v1;
      const volumeText = amount(
        volumeKr,
        `${e.v0Cell}; ${e.v1Cell}; ${e.c0Cell}`,
        `Volymeffekt (förändring av ${w.plural} × kostnad per ${w.singular} föregående år), ${e.label}`,
        true,
        `=({${kV1}}-{${kV0}})*{${kP0}}/${factor}`,
      );
      const priceText = amount(
        priceKr,
        `${e.c0Cell}; ${e.c1Cell}; ${e.v1Cell}`,
        `Priseffekt (förändring av kostnad per ${w.singular} × ${w.plural} i år), ${e.label}`,
        true,
        `=({${kP1}}-{${kP0}})*{${kV1}}/${factor}`,
      );
      const volumeVerb =
        e.v1 === e.v0
          ? "är oförändrat"
          : e.v1 < e.v0
            ? `har minskat med ${change}`
            : `har ökat med ${change}`;
      const priceVerb = e.c1 / e.v1 >= e.c0 / e.v0 ? "ökat" : "minskat";
      const costVerb =
        Math.abs(fromKr(dC, unit)) < half
          ? "är i stort sett oförändrade"
          : dC > 0
            ? `har ökat med ${costText}`
            : `har minskat med ${costText}`;
      paragraphs.push(
        `Inom ${e.label} ${volumeVerb.startsWith("är") ? `är antalet ${w.plural} oförändrat` : `${volumeVerb.replace(/^har /, "har antalet " + w.plural + " ")}`} jämfört med samma period föregående år (från ${v0} till ${v1}), medan kostnaden per ${w.singular} har ${priceVerb} från ${p0} till ${p1}. ` +
          `Kostnaderna ${costVerb}: ${e.v1 < e.v0 ? "färre" : "fler"} ${w.plural} motsvarar ${volumeText} och ${e.c1 / e.v1 >= e.c0 / e.v0 ? "en högre" : "en lägre"} kostnad per ${w.singular} ${priceText}.`,
      );
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
        const text = percentText(change);
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
        // The two counts, as the table shows them, each traceable to its cell.
        const count = (k: number) => {
          const value = row.values[k];
          const token = value.tokens.find((t) => t.kind === "number");
          const decimals = /[.,](\d+)$/.exec(token?.text ?? "")?.[1]?.length ?? 0;
          const text = formatSwedishNumber(value.main!, decimals);
          const plain = value.tokens.length === 1;
          const at = `${quoteSheetName(v.sheet)}!${cellAddress(2 + i, k + 1)}`;
          figures.push({
            text,
            value: value.main!,
            cell: at,
            what: `${v.model.periods[k].label}, ${row.label}${plain ? "" : ` (första talet i "${value.text}")`}`,
            formula: plain ? undefined : null,
          });
          return text;
        };
        return `${label.charAt(0).toUpperCase()}${label.slice(1)} ${verb} jämfört med ${before.label.toLocaleLowerCase("sv-SE")} (från ${count(n - 2)} till ${count(n - 1)})`;
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
        // A plain target as the sheet shows it (a figure of its own); a bound ("≤ 7 %") as typed.
        const plainTarget =
          t !== null &&
          t.kind === "number" &&
          t.parts.length === 1 &&
          parseTarget(row.target).kind === "number";
        const targetText =
          t === null || t.kind === "missing"
            ? null
            : plainTarget
              ? formatText(t.parts[0].value, formatLike(t))
              : row.target?.trim();
        if (plainTarget && targetText)
          figures.push({
            text: targetText,
            value: t.parts[0].value,
            cell: `${quoteSheetName(p.sheet)}!${cellAddress(2 + i, n + 1)}`,
            what: `${p.model.targetHeader ?? "Målvärde"}, ${row.label}`,
          });
        const target = targetText ? ` mot målvärdet ${targetText}` : "";
        const judged = row.status === "notAssessed" ? "" : ` (${STATUS_LABEL[row.status]})`;
        return `${row.label} ${latest.label.toLocaleLowerCase("sv-SE")} var ${text}${target}${judged}`;
      })
      .filter((s): s is string => s !== null);
    if (sentences.length) paragraphs.push(`${sentences.join(". ")}.`);
  }
  return { paragraphs, figures };
}

/** "3,5 %", "25 %": one decimal, none when it is zero (the seeds write "25 %" and "5,5 %"). */
export function percentText(fraction: number): string {
  return `${formatSwedishNumber(Math.abs(fraction) * 100, 1).replace(/,0$/, "")} %`;
}

/** The volume's words for the text: "vårddygn" / "vårddygn", "hemtjänsttimmar" / "hemtjänsttimme". */
export function volumeWords(header: string | null): { plural: string; singular: string } {
  const plural = (header ?? "")
    .toLocaleLowerCase("sv-SE")
    .replace(/\s*\(.*?\)\s*/g, " ")
    .replace(/^antal(et)?\s+/, "")
    .replace(/[^a-zåäö\s-]/g, "")
    .trim();
  if (plural === "" || plural === "volym" || plural === "volymer")
    return { plural: "volymenheter", singular: "volymenhet" };
  const singular = plural
    .replace(/timmar$/, "timme")
    .replace(/ringar$/, "ring")
    .replace(/ningar$/, "ning");
  return { plural, singular };
}

export interface VolumeExplanation {
  label: string;
  /** "jan–mars" */
  months: string;
  /** Volumes of the same months last year and this year. */
  v0: number;
  v1: number;
  v0Cell: string;
  v1Cell: string;
  /** Cost (net, report unit → kr) the same months last year and this year, with their cells. */
  c0: number;
  c1: number;
  c0Cell: string;
  c1Cell: string;
}

/**
 * The rows whose cost change a volume explains: a verksamhet with a deviation (rounded, not zero)
 * and a volume series for every month so far of both years. Largest deviation first, at most three.
 * The costs are the period driftsammandrag's cells (this year and the same period last year).
 */
export function volumeExplanations(
  vs: DraftVolumeSeries,
  period: { result: ReportResult; sheet: string },
  fullYear?: { result: ReportResult; sheet: string },
  /** A deviation smaller than this (kr) rounds to zero in the text: not "a large deviation". */
  minDeviationKr = 0,
  limit = 3,
): VolumeExplanation[] {
  const def = period.result.definition;
  if (def.columns[3]?.type !== "source" || def.columns[0]?.type !== "source") return [];
  if (period.result.costSign === "negative") return [];
  const m = vs.month;
  const sumMonths = (series: YearSeries, year: number): number | null => {
    const months = series.get(year);
    if (!months) return null;
    let total = 0;
    for (let i = 0; i < m; i++) {
      const v = months[i];
      if (v === null || v === undefined || !Number.isFinite(v)) return null;
      total += v;
    }
    return total;
  };
  const lower = (x: string) => x.trim().toLocaleLowerCase("sv-SE");
  const deviationOf = (r: ReportResult, label: string): number | null => {
    const dev = r.definition.columns.findIndex((c) => c.type === "deviation");
    const row = r.rows.find((x) => x.role === "post" && lower(x.label) === lower(label));
    return dev < 0 || !row ? null : row.values[dev];
  };
  const months = m === 1 ? MONTH_SHORT_SV[0] : `jan–${MONTH_SHORT_SV[m - 1]}`;
  const at = (i: number, c: number) =>
    `${quoteSheetName(period.sheet)}!${cellAddress(DRIFT_FIRST_ROW + i, c + 1)}`;
  const out: (VolumeExplanation & { rank: number })[] = [];
  period.result.rows.forEach((row, i) => {
    if (row.role !== "post") return;
    const c1 = row.values[0];
    const c0 = row.values[3];
    if (c0 === null || c1 === null || c0 === 0 || c1 === 0) return;
    const series = vs.rows.find((r) => lower(r.label) === lower(row.label))?.volume;
    if (!series) return;
    const v0 = sumMonths(series, vs.year - 1);
    const v1 = sumMonths(series, vs.year);
    if (v0 === null || v1 === null || v0 <= 0 || v1 <= 0) return;
    const dev =
      (fullYear ? deviationOf(fullYear.result, row.label) : null) ?? deviationOf(period.result, row.label);
    if (dev === null || dev === 0 || Math.abs(dev) < minDeviationKr) return;
    const where = `${vs.source}: ${row.label}, summa ${months}`;
    out.push({
      label: row.label,
      months,
      v0,
      v1,
      v0Cell: `${where} ${vs.year - 1}`,
      v1Cell: `${where} ${vs.year}`,
      c0,
      c1,
      c0Cell: at(i, 3),
      c1Cell: at(i, 0),
      rank: Math.abs(dev),
    });
  });
  return out
    .sort((a, b) => b.rank - a.rank)
    .slice(0, limit)
    .map(({ rank: _rank, ...e }) => e);
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
  // Figure k's value sits in column B of its row; `{k}` in a formula refers to it.
  const valueCell = (k: number) => cellAddress(figuresHeader + 1 + k, 1);
  for (const f of draft.figures) {
    const formula =
      f.formula === undefined
        ? `=${f.cell}`
        : f.formula === null
          ? undefined
          : f.formula.replace(/\{(\d+)\}/g, (_, k: string) => valueCell(Number(k)));
    rows.push([
      { value: f.text },
      {
        value: f.value,
        ...(formula ? { formula } : {}),
        numberFormat: f.text.endsWith("%")
          ? "0.0%"
          : Number.isInteger(f.value) && f.formula === null
            ? "#,##0"
            : "#,##0.0##",
      },
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
  // Long sources and explanations wrap inside their columns, so the page keeps its width.
  if (draft.figures.length > 0) {
    spec.styles.push({
      range: range(figuresHeader + 1, 0, figuresHeader + draft.figures.length, 1),
      style: { verticalAlignment: "top" },
    });
    spec.styles.push({
      range: range(figuresHeader + 1, 2, figuresHeader + draft.figures.length, 3),
      style: { wrapText: true, verticalAlignment: "top" },
    });
  }
  if (diffHeader >= 0)
    spec.styles.push({ range: range(diffHeader, 0, diffHeader, 0), style: { bold: true } });
  spec.columnWidths = [90, 14, 34, 40];
  const heights = draft.paragraphs.map((p, i) => ({
    row: DRAFT_FIRST_ROW + i,
    points: 15 * Math.max(1, Math.ceil(p.length / 85)) + 2,
  }));
  spec.rowHeights = heights;
  // A figure row as high as its wrapped source (column C) or explanation (column D).
  draft.figures.forEach((f, k) => {
    const lines = Math.max(Math.ceil(f.cell.length / 30), Math.ceil(f.what.length / 36), 1);
    if (lines > 1) heights.push({ row: figuresHeader + 1 + k, points: 15 * lines });
  });
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
