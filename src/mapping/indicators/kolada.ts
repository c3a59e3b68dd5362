/**
 * Indicators and Kolada (pure): which KPI each indicator is linked to, and what the import says
 * about the indicators — KPIs in the files that no indicator uses, indicators whose KPI has no
 * value for the year their latest value needs, a chosen group the files do not know.
 */
import {
  type GroupValue,
  type KoladaImport,
  type KoladaKpi,
  findGroup,
  koladaGroupValue,
  matchKpiByTitle,
} from "../../domain/indicators/kolada";
import { formatModified } from "../../domain/indicators/kolada/merge";
import type { IndicatorResult } from "./evaluate";
import type { Finding, IndicatorEntry, IndicatorModel } from "./model";

/** A saved link (settings key `kolada.links`, validated in app/settings.ts). */
export interface KoladaLink {
  kpi: string | null;
  by: "manual" | "title";
}

/** manual: chosen in the pane; cell: a KPI id written in the table; title: the indicator text matches a /v3/kpi title. */
export type LinkedBy = "manual" | "cell" | "title";

export interface ResolvedLink {
  kpi: string | null;
  by: LinkedBy;
}

export interface LinkResolution {
  /** Indicator key → its KPI (absent: not linked). */
  links: Map<string, ResolvedLink>;
  /** The saved links after this run (title matches added or updated; manual ones untouched). */
  saved: Record<string, KoladaLink>;
  findings: Finding[];
}

function allIndicators(model: IndicatorModel): IndicatorEntry[] {
  return model.goals.flatMap((g) => g.indicators);
}

/** Manual choice, else the table's own id, else a title match (fresh when a KPI list is given, else as saved). */
export function resolveKpiLinks(
  model: IndicatorModel,
  saved: Record<string, KoladaLink>,
  kpis: readonly KoladaKpi[],
): LinkResolution {
  const links = new Map<string, ResolvedLink>();
  const next: Record<string, KoladaLink> = { ...saved };
  const findings: Finding[] = [];
  for (const i of allIndicators(model)) {
    const s = saved[i.key];
    if (s?.by === "manual") {
      links.set(i.key, { kpi: s.kpi, by: "manual" });
      continue;
    }
    if (i.koladaKpi) {
      links.set(i.key, { kpi: i.koladaKpi, by: "cell" });
      continue;
    }
    if (kpis.length > 0) {
      const { match, ambiguous } = matchKpiByTitle(i.name, kpis);
      if (match) {
        links.set(i.key, { kpi: match.id, by: "title" });
        next[i.key] = { kpi: match.id, by: "title" };
        continue;
      }
      if (ambiguous.length > 1) {
        findings.push({
          severity: "info",
          code: "koladaKpiAmbiguous",
          message: `Indikatorn "${i.name}" passar lika bra mot flera nyckeltal (${ambiguous
            .slice(0, 4)
            .map((k) => `${k.id} ${k.title}`)
            .join("; ")}); välj KPI i panelen.`,
          cell: i.cell.address,
        });
      }
    }
    if (s?.by === "title" && s.kpi) links.set(i.key, { kpi: s.kpi, by: "title" });
  }
  return { links, saved: next, findings };
}

export interface IndicatorKolada {
  kpi: string;
  linkedBy: LinkedBy;
  /** The group's value for the latest value's year, when the files have one. */
  comparison: {
    group: string;
    year: number;
    value: number;
    source: GroupValue["source"];
    count: number | null;
    of: number | null;
  } | null;
}

export interface KoladaSummary {
  group: { id: string; title: string; members: number | null };
  files: { name: string; kind: string; form: string | null; values: number; modified: string | null }[];
  values: number;
  duplicates: number;
  conflicts: number;
  unusedKpis: string[];
  missing: { indicator: string; kpi: string; year: number }[];
}

export interface KoladaOutcome {
  perIndicator: Map<IndicatorResult, IndicatorKolada | null>;
  summary: KoladaSummary | null;
  findings: Finding[];
}

function needsComparison(r: IndicatorResult): boolean {
  const latest = r.judgement.latest;
  return r.judgement.target?.kind === "comparison" && latest !== null && latest.value.comparison === null;
}

/** What the import means for the judged indicators; with no import only the links are reported. */
export function koladaOutcome(
  results: IndicatorResult[],
  links: Map<string, ResolvedLink>,
  imported: KoladaImport | null,
  groupId: string,
): KoladaOutcome {
  const perIndicator = new Map<IndicatorResult, IndicatorKolada | null>();
  const findings: Finding[] = [];
  const used = new Set<string>();
  const missing: KoladaSummary["missing"] = [];
  const data = imported?.data ?? null;
  const inData = new Set(data?.values.map((v) => v.kpi) ?? []);
  for (const r of results) {
    const link = links.get(r.indicator.key);
    if (!link || !link.kpi) {
      perIndicator.set(r, null);
      if (data && needsComparison(r) && !link) {
        findings.push({
          severity: "info",
          code: "koladaKpiUnlinked",
          message: `Indikatorn "${r.indicator.name}" jämförs med en grupp men är inte kopplad till något nyckeltal i Kolada; välj KPI i panelen.`,
          cell: r.indicator.cell.address,
        });
      }
      continue;
    }
    used.add(link.kpi);
    const year = r.judgement.latest?.period.year ?? null;
    let comparison: IndicatorKolada["comparison"] = null;
    if (data && year !== null) {
      const g = koladaGroupValue(data, { kpi: link.kpi, period: year }, groupId);
      if (g) {
        comparison = { group: groupId, year, value: g.value, source: g.source, count: g.count, of: g.of };
      } else {
        missing.push({ indicator: r.indicator.name, kpi: link.kpi, year });
        const what = inData.has(link.kpi)
          ? `saknar värde för ${year} för ${groupId} (varken gruppens egen rad eller någon av dess kommuner)`
          : `innehåller inte ${link.kpi} alls`;
        findings.push({
          severity: needsComparison(r) ? "warning" : "info",
          code: "koladaValueMissing",
          message: `Indikatorn "${r.indicator.name}" är kopplad till ${link.kpi}, men Kolada-filerna ${what}.`,
          cell: r.indicator.cell.address,
        });
      }
    }
    perIndicator.set(r, { kpi: link.kpi, linkedBy: link.by, comparison });
  }
  if (!imported || !data) return { perIndicator, summary: null, findings };

  const unusedKpis = [...inData].filter((k) => !used.has(k)).sort();
  for (const kpi of unusedKpis) {
    const title = data.kpis.find((k) => k.id === kpi)?.title;
    const sources = [...new Set(data.values.filter((v) => v.kpi === kpi).map((v) => v.source))];
    findings.push({
      severity: "warning",
      code: "koladaKpiUnused",
      message: `Nyckeltalet ${kpi}${title ? ` (${title})` : ""} i ${sources.map((s) => `"${s}"`).join(", ")} hör inte till någon indikator; koppla det i panelen.`,
      cell: null,
    });
  }
  const group = findGroup(data, groupId);
  const ownRows = data.values.some((v) => v.municipality === groupId);
  if (!group && !ownRows) {
    findings.push({
      severity: "warning",
      code: "koladaGroupUnknown",
      message: `Jämförelsegruppen ${groupId} finns inte i Kolada-filerna: ingen municipality_groups-fil anger dess kommuner och inga rader gäller gruppen själv.`,
      cell: null,
    });
  }
  for (const note of imported.notes) {
    findings.push({ severity: "warning", code: note.code, message: note.message, cell: null });
  }
  return {
    perIndicator,
    findings,
    summary: {
      group: { id: groupId, title: group?.title ?? groupId, members: group ? group.members.length : null },
      files: imported.files.map((f) => ({
        name: f.name,
        kind: f.kind,
        form: f.form,
        values: f.values,
        modified: f.modified !== null ? formatModified(f.modified) : null,
      })),
      values: data.values.length,
      duplicates: imported.duplicates,
      conflicts: imported.conflicts.length,
      unusedKpis,
      missing,
    },
  };
}
