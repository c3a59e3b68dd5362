/** Kontrollera indikatorer with Kolada files: group choice, KPI links saved in the workbook, the import's report. */
import { checkIndicators } from "../../../src/app/indicatorCheck";
import { setKoladaGroup, setKoladaLink } from "../../../src/app/koladaSettings";
import { loadSettings } from "../../../src/app/settings";
import { type KoladaSource, readKoladaSources } from "../../../src/domain/indicators/kolada";
import {
  GROUPS_JSON,
  KPI_JSON,
  N35001_2022,
  PLAIN_CSV,
  WEB_EXPORT_CSV,
  koladaIndicatorGrid,
  n35001Rows,
  v3Page,
} from "../../fixtures/indicators/kolada";
import { MemoryPort } from "./memoryPort";

const src = (name: string, text: string): KoladaSource => ({ name, text, modified: null });

function files(...extra: KoladaSource[]) {
  return readKoladaSources([
    src("kpi.json", KPI_JSON),
    src("n35001.json", v3Page(n35001Rows())),
    src("webb.csv", WEB_EXPORT_CSV),
    src("egen.csv", PLAIN_CSV),
    ...extra,
  ]);
}

const byName = (report: Awaited<ReturnType<typeof checkIndicators>>, start: string) =>
  report.indicators.find((i) => i.indicator.startsWith(start))!;

const KEY_ABUSE =
  "kostnadseffektiv verksamhet|kostnad (kr/inv) för missbruksvård ska vara på samma nivå eller lägre som snittkostnaden för r9";
const KEY_PLACEMENTS = "kostnadseffektiv verksamhet|kostnad för placeringar av barn och unga";

describe("check-indicators with Kolada", () => {
  it("judges comparison targets with the group's own row or the members' mean, and says which", async () => {
    const port = new MemoryPort().addGrid(koladaIndicatorGrid());
    const report = await checkIndicators(port, { kolada: files(), mark: false, writeSummary: false });

    const abuse = byName(report, "Kostnad (kr/inv) för missbruksvård");
    expect(abuse.status).toBe("met");
    expect(abuse.reason).toBe(
      "761 kr/inv mot R9 1 000 (ovägt medel av 9 av 9 kommuner i G96092, Kolada) (2022); samma eller lägre",
    );
    expect(abuse.kolada).toEqual({
      kpi: "N35001",
      linkedBy: "title",
      comparison: { group: "G96092", year: 2022, value: 1000, source: "mean", count: 9, of: 9 },
    });
    const open = byName(report, "Kostnaden för öppna insatser");
    expect(open.status).toBe("notMet");
    expect(open.reason).toBe(
      "993 kr/inv mot R9 913 (G96092s eget värde i Kolada) (2022); försämring från 970 kr/inv",
    );
    expect(open.kolada).toMatchObject({
      kpi: "N33009",
      linkedBy: "cell",
      comparison: { source: "group", value: 913 },
    });

    expect(report.kolada).toMatchObject({
      group: { id: "G96092", title: "Resultatnätverket R9 (ovägt medel)", members: 9 },
      values: 28,
      unusedKpis: ["N33022"],
      missing: [],
    });
    const codes = report.findings.map((f) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining(["koladaKpiUnused", "koladaRowsSkipped", "koladaKpiUnlinked"]),
    );
    expect(report.findings.find((f) => f.code === "koladaKpiUnused")?.message).toContain(
      'Nyckeltalet N33022 (Kostnad familjehem och HVB barn och unga, kr/inv) i "egen.csv" hör inte till någon indikator',
    );
  });

  it("a KPI chosen in the pane wins, is saved in the workbook, and a missing year is reported", async () => {
    const port = new MemoryPort().addGrid(koladaIndicatorGrid());
    await setKoladaLink(port, KEY_PLACEMENTS, "N33022");
    let report = await checkIndicators(port, { kolada: files(), mark: false, writeSummary: false });
    const placements = byName(report, "Kostnad för placeringar");
    // 8 605 (Linköping) against the mean of Uppsala 9 100 and Eskilstuna 9 450,5: 2 of the 9 members.
    expect(placements.kolada).toEqual({
      kpi: "N33022",
      linkedBy: "manual",
      comparison: {
        group: "G96092",
        year: 2022,
        value: (8605 + 9100 + 9450.5) / 3,
        source: "mean",
        count: 3,
        of: 9,
      },
    });
    expect(placements.reason).toContain("ovägt medel av 3 av 9 kommuner i G96092");
    expect(report.kolada?.unusedKpis).toEqual([]);

    // Without the file that holds N33022 the indicator's KPI is missing for 2022.
    const without = readKoladaSources([src("kpi.json", KPI_JSON), src("n35001.json", v3Page(n35001Rows()))]);
    report = await checkIndicators(port, { kolada: without, mark: false, writeSummary: false });
    expect(report.kolada?.missing).toEqual(
      expect.arrayContaining([
        { indicator: "Kostnad för placeringar av barn och unga", kpi: "N33022", year: 2022 },
      ]),
    );
    const missing = report.findings.find(
      (f) => f.code === "koladaValueMissing" && f.message.includes("N33022"),
    );
    expect(missing).toMatchObject({ severity: "warning" });
    expect(missing?.message).toBe(
      'Indikatorn "Kostnad för placeringar av barn och unga" är kopplad till N33022, men Kolada-filerna innehåller inte N33022 alls.',
    );
    expect(byName(report, "Kostnad för placeringar").status).toBe("notAssessed");

    // Saved through the one settings store, validated.
    const saved = await loadSettings(withVersion(port));
    expect(saved.kolada?.links[KEY_PLACEMENTS]).toEqual({ kpi: "N33022", by: "manual" });

    // "Inget nyckeltal" silences it; "auto" gives the indicator back to detection.
    await setKoladaLink(port, KEY_PLACEMENTS, null);
    report = await checkIndicators(port, { kolada: without, mark: false, writeSummary: false });
    expect(byName(report, "Kostnad för placeringar").kolada).toBeNull();
    expect(
      report.findings.some((f) => f.message.includes("placeringar") && f.code.startsWith("kolada")),
    ).toBe(false);
    await setKoladaLink(port, KEY_PLACEMENTS, "auto");
    report = await checkIndicators(port, { kolada: without, mark: false, writeSummary: false });
    expect(report.findings.find((f) => f.message.includes("placeringar"))?.code).toBe("koladaKpiUnlinked");
  });

  it("another group is chosen and saved; title links survive a later import without the KPI list", async () => {
    const port = new MemoryPort().addGrid(koladaIndicatorGrid());
    const rows = n35001Rows().concat([{ kpi: "N35001", municipality: "0583", period: 2022, value: 700 }]);
    const withGroups = readKoladaSources([
      src("grupper.json", GROUPS_JSON),
      src("kpi.json", KPI_JSON),
      src("d.json", v3Page(rows)),
    ]);
    await setKoladaGroup(port, "G555");
    let report = await checkIndicators(port, { kolada: withGroups, mark: false, writeSummary: false });
    const abuse = byName(report, "Kostnad (kr/inv) för missbruksvård");
    const mean = (N35001_2022["0580"] + N35001_2022["0581"] + 700) / 3;
    expect(abuse.kolada?.comparison).toEqual({
      group: "G555",
      year: 2022,
      value: mean,
      source: "mean",
      count: 3,
      of: 3,
    });
    expect(report.kolada?.group).toEqual({ id: "G555", title: "Östgötakommuner i test", members: 3 });

    // The CLI's --group for one run is saved too.
    const dataOnly = readKoladaSources([src("d.json", v3Page(rows))]);
    report = await checkIndicators(port, {
      kolada: dataOnly,
      group: "G96092",
      mark: false,
      writeSummary: false,
    });
    expect(byName(report, "Kostnad (kr/inv) för missbruksvård").kolada).toMatchObject({
      kpi: "N35001",
      linkedBy: "title",
      comparison: { group: "G96092", value: 1000 },
    });
    expect(JSON.parse(port.rawSettings()!).kolada.groupId).toBe("G96092");
    // Also when the check writes Målavstämning (the sheet and the settings are saved together).
    await checkIndicators(port, { kolada: withGroups, group: "G206446" });
    expect(port.hasSheet("Målavstämning")).toBe(true);
    expect(JSON.parse(port.rawSettings()!).kolada).toMatchObject({
      groupId: "G206446",
      links: { [KEY_ABUSE]: { kpi: "N35001", by: "title" } },
    });

    // A group the files do not know is said.
    await setKoladaGroup(port, "G999");
    report = await checkIndicators(port, { kolada: dataOnly, mark: false, writeSummary: false });
    expect(report.findings.find((f) => f.code === "koladaGroupUnknown")?.message).toContain(
      "G999 finns inte i Kolada-filerna",
    );
  });

  it("carries over the old hidden group id and KPI links; a damaged kolada key is refused", async () => {
    const port = new MemoryPort().addGrid(koladaIndicatorGrid());
    port.setSettings(
      JSON.stringify({
        indicators: {
          version: 1,
          kolada: { municipality: "0580", groupId: "G206446", kpis: { [KEY_PLACEMENTS]: "N33022" } },
        },
      }),
    );
    const report = await checkIndicators(port, { kolada: files(), mark: false, writeSummary: false });
    expect(report.kolada?.group.id).toBe("G206446");
    expect(byName(report, "Kostnad för placeringar").kolada).toMatchObject({
      kpi: "N33022",
      linkedBy: "manual",
    });

    port.setSettings(JSON.stringify({ kolada: { version: 1, groupId: "R9", links: {} } }));
    await expect(checkIndicators(port, { kolada: files() })).rejects.toThrow(
      /^De sparade inställningarna i arbetsboken kunde inte läsas \(kolada\.groupId: /,
    );
  });
});

/** The shared store wants its version; indicator-only workbooks may lack it. */
function withVersion(port: MemoryPort): MemoryPort {
  const all = JSON.parse(port.rawSettings() ?? "{}");
  port.setSettings(JSON.stringify({ version: 1, ...all }));
  return port;
}
