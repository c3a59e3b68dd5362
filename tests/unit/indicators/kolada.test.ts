import {
  BUILT_IN_GROUPS,
  KoladaImportError,
  MUNICIPALITIES,
  R12_GROUP_ID,
  R9_GROUP_ID,
  type KoladaSource,
  availableGroups,
  decodeKoladaBytes,
  koladaGroupValue,
  koladaRow,
  koladaValue,
  matchKpiByTitle,
  readKoladaSources,
} from "../../../src/domain/indicators/kolada";
import {
  GROUPS_JSON,
  HTTP_410_TEXT,
  KPI_JSON,
  MUNICIPALITY_JSON,
  N35001_2022,
  PLAIN_CSV,
  R12_EXTRA,
  R9,
  V2_ERROR_JSON,
  WEB_EXPORT_CSV,
  n35001Rows,
  rKoladaCsv,
  v3Page,
} from "../../fixtures/indicators/kolada";

const src = (name: string, text: string, modified: number | null = null): KoladaSource => ({
  name,
  text,
  modified,
});

function refusal(sources: KoladaSource[]): string {
  try {
    readKoladaSources(sources);
  } catch (e) {
    expect(e).toBeInstanceOf(KoladaImportError);
    return (e as Error).message;
  }
  throw new Error("no refusal");
}

describe("built-in groups and municipalities", () => {
  it("R9 is G96092 with its nine members; R12 (G206446) adds Lund, Helsingborg and Umeå", () => {
    const r9 = BUILT_IN_GROUPS.find((g) => g.id === R9_GROUP_ID)!;
    expect(r9.title).toBe("Resultatnätverket R9 (ovägt medel)");
    expect(r9.members.map((m) => `${m.id} ${m.title}`)).toEqual([
      "0181 Södertälje",
      "0380 Uppsala",
      "0484 Eskilstuna",
      "0580 Linköping",
      "0581 Norrköping",
      "0680 Jönköping",
      "1880 Örebro",
      "1980 Västerås",
      "2180 Gävle",
    ]);
    const r12 = BUILT_IN_GROUPS.find((g) => g.id === R12_GROUP_ID)!;
    expect(r12.members.map((m) => m.id).sort()).toEqual([...R9, ...R12_EXTRA].sort());
  });

  it("the table holds the 290 municipalities, each code once, with the R9 names", () => {
    expect(MUNICIPALITIES).toHaveLength(290);
    expect(new Set(MUNICIPALITIES.map((m) => m.id)).size).toBe(290);
    expect(new Set(MUNICIPALITIES.map((m) => m.title)).size).toBe(290);
    expect(MUNICIPALITIES.every((m) => /^\d{4}$/.test(m.id))).toBe(true);
    const byId = new Map(MUNICIPALITIES.map((m) => [m.id, m.title]));
    for (const m of BUILT_IN_GROUPS.flatMap((g) => g.members)) expect(byId.get(m.id)).toBe(m.title);
    expect(byId.get("0980")).toBe("Gotland");
    expect(byId.get("2584")).toBe("Kiruna");
  });
});

describe("v3 data files", () => {
  it("reads values keyed by KPI, municipality, year and gender (any order), with count and status", () => {
    const rows = n35001Rows().map((r) => (r.municipality === "0580" ? { ...r, women: 751 } : r));
    const { data, files } = readKoladaSources([src("n35001.json", v3Page(rows))]);
    expect(files).toEqual([
      { name: "n35001.json", kind: "values", form: "api", values: 10, modified: null, nextUrl: null },
    ]);
    expect(koladaValue(data, { kpi: "N35001", municipality: "0580", period: 2022 })).toBe(761);
    expect(koladaValue(data, { kpi: "N35001", municipality: "0580", period: 2022, gender: "K" })).toBe(751);
    expect(koladaValue(data, { kpi: "N35001", municipality: "0580", period: 2021 })).toBeNull();
  });

  it("uses the group's own row and its count when present, else the mean of the members present", () => {
    const withGroup = [
      ...n35001Rows(),
      { kpi: "N35001", municipality: "G96092", period: 2022, value: 1001, count: 8 },
    ];
    const own = readKoladaSources([src("a.json", v3Page(withGroup))]).data;
    expect(koladaGroupValue(own, { kpi: "N35001", period: 2022 })).toEqual({
      groupId: "G96092",
      value: 1001,
      source: "group",
      count: 8,
      of: 9,
      missing: [],
    });

    const partial = { ...N35001_2022 } as Record<string, number>;
    delete partial["0181"];
    delete partial["2180"];
    const data = readKoladaSources([src("b.json", v3Page(n35001Rows(2022, partial)))]).data;
    const mean = Object.values(partial).reduce((a, b) => a + b, 0) / 7;
    expect(koladaGroupValue(data, { kpi: "N35001", period: 2022 })).toEqual({
      groupId: "G96092",
      value: mean,
      source: "mean",
      count: 7,
      of: 9,
      missing: ["0181", "2180"],
    });
    // R12: its three other members are missing here, so 7 of 12.
    expect(koladaGroupValue(data, { kpi: "N35001", period: 2022 }, "G206446")).toMatchObject({
      count: 7,
      of: 12,
    });
    expect(koladaGroupValue(data, { kpi: "N35001", period: 2021 })).toBeNull();
  });

  it("a groups file defines members: any group can be chosen, and the file's R9 replaces the built-in one", () => {
    const rows = n35001Rows().concat([{ kpi: "N35001", municipality: "0583", period: 2022, value: 700 }]);
    const { data } = readKoladaSources([src("grupper.json", GROUPS_JSON), src("data.json", v3Page(rows))]);
    expect(availableGroups(data).map((g) => g.id)).toEqual(["G96092", "G206446", "G555"]);
    expect(koladaGroupValue(data, { kpi: "N35001", period: 2022 }, "G555")).toMatchObject({
      value: (761 + 1039 + 700) / 3,
      source: "mean",
      count: 3,
      of: 3,
    });
    // A group known only by its own rows is selectable too.
    const only = readKoladaSources([
      src("g.json", v3Page([{ kpi: "N35001", municipality: "G777", period: 2022, value: 5, count: 4 }])),
    ]).data;
    expect(availableGroups(only).find((g) => g.id === "G777")).toEqual({
      id: "G777",
      title: "G777",
      members: null,
      ownRows: true,
    });
    expect(koladaGroupValue(only, { kpi: "N35001", period: 2022 }, "G777")).toMatchObject({
      value: 5,
      count: 4,
      of: null,
    });
  });

  it("merges pages, names a missing page, merges duplicates, and lets the last-modified file win a conflict", () => {
    const rows = n35001Rows();
    const base = "https://api.kolada.se/v3/data/kpi/N35001/year/2022";
    const page1 = v3Page(rows.slice(0, 4), `${base}?page=2&per_page=4`, 9);
    const page2 = v3Page(rows.slice(4, 8), `${base}?page=3&per_page=4`, 9);
    const page3 = v3Page(rows.slice(8), null, 9);
    const all = readKoladaSources([src("p1.json", page1), src("p2.json", page2), src("p3.json", page3)]);
    expect(all.data.values).toHaveLength(9);
    expect(all.notes).toEqual([]);

    // The last page is known only by having no next_url, so a gap shows before it or at the start.
    const noLast = readKoladaSources([src("p1.json", page1), src("p2.json", page2)]);
    expect(noLast.notes).toEqual([
      {
        code: "koladaPageMissing",
        message: expect.stringContaining(
          `${base}?per_page=4 saknar sida 3 (enligt next_url i "p1.json", "p2.json")`,
        ),
      },
    ]);
    const noFirst = readKoladaSources([src("p2.json", page2), src("p3.json", page3)]);
    expect(noFirst.notes.map((n) => n.message)).toEqual([expect.stringContaining("saknar sida 1")]);

    const old = v3Page([{ kpi: "N35001", municipality: "0580", period: 2022, value: 760 }, rows[0]]);
    const linkoping = rows.find((r) => r.municipality === "0580")!;
    const fresh = v3Page([linkoping, rows[0]]);
    const merged = readKoladaSources([
      src("ny.json", fresh, Date.UTC(2024, 5, 2)),
      src("gammal.json", old, Date.UTC(2024, 0, 2)),
    ]);
    expect(koladaValue(merged.data, { kpi: "N35001", municipality: "0580", period: 2022 })).toBe(761);
    expect(koladaRow(merged.data, { kpi: "N35001", municipality: "0580", period: 2022 })?.source).toBe(
      "ny.json",
    );
    expect(merged.duplicates).toBe(1);
    expect(merged.conflicts).toEqual([
      {
        kpi: "N35001",
        municipality: "0580",
        period: 2022,
        gender: "T",
        kept: { value: 761, source: "ny.json" },
        dropped: { value: 760, source: "gammal.json" },
      },
    ]);
    expect(merged.notes[0].code).toBe("koladaConflict");
    expect(merged.notes[0].message).toMatch(
      /mellan "ny\.json" och "gammal\.json"; värdet i "ny\.json" \(senast ändrad 2024-06-0\d/,
    );
    expect(merged.notes[0].message).toContain("N35001 0580 2022: 761 mot 760");
  });

  it("skips rows Kolada marks as deleted and says so", () => {
    const text = JSON.stringify({
      values: [
        {
          kpi: "N35001",
          municipality: "0580",
          period: 2022,
          isdeleted: true,
          values: [{ gender: "T", value: 1 }],
        },
        { kpi: "N35001", municipality: "0380", period: 2022, values: [{ gender: "T", value: 2 }] },
      ],
    });
    const r = readKoladaSources([src("d.json", text)]);
    expect(r.data.values.map((v) => v.municipality)).toEqual(["0380"]);
    expect(r.notes[0].message).toContain("1 rader är markerade som borttagna");
  });
});

describe("CSV forms", () => {
  it("rKolada's get_values() with and without the name column: codes, dot decimals, NA as missing", () => {
    for (const withNames of [true, false]) {
      const r = readKoladaSources([src("rkolada.csv", rKoladaCsv(withNames))]);
      expect(r.files[0].form).toBe("rKolada");
      expect(r.data.values).toHaveLength(10);
      expect(koladaValue(r.data, { kpi: "N35001", municipality: "0580", period: 2022 })).toBe(761.5);
      const missing = koladaRow(r.data, { kpi: "N35001", municipality: "0580", period: 2021 });
      expect(missing).toMatchObject({ value: null, status: "Missing", count: 1 });
      expect(koladaGroupValue(r.data, { kpi: "N35001", period: 2022 })).toMatchObject({
        value: 1000.5,
        count: 9,
        of: 9,
      });
      expect(r.notes).toEqual([]);
    }
  });

  it("Kolada's web export: KPI above the header, a column per year, names resolved, missing marks kept as status", () => {
    const r = readKoladaSources([src("webb.csv", WEB_EXPORT_CSV)]);
    expect(r.files[0].form).toBe("webExport");
    const row = (m: string, y: number) => koladaRow(r.data, { kpi: "N33009", municipality: m, period: y });
    expect(row("0580", 2022)?.value).toBe(993);
    expect(row("0181", 2022)?.value).toBe(940.5);
    expect(row("0581", 2022)).toMatchObject({ value: null, status: "sekretess" });
    expect(row("0380", 2020)).toMatchObject({ value: null, status: "bortfall" });
    expect(row("0181", 2020)).toMatchObject({ value: null, status: "ej tillämplig" });
    // The group's own row, named by its title.
    expect(koladaGroupValue(r.data, { kpi: "N33009", period: 2022 })).toMatchObject({
      value: 913,
      source: "group",
    });
    expect(r.data.values).toHaveLength(15);
    expect(r.notes).toEqual([]);
  });

  it("plain kpi;kommun;år;värde with Swedish numbers; names it cannot resolve are named", () => {
    const r = readKoladaSources([src("egen.csv", PLAIN_CSV)]);
    expect(r.files[0].form).toBe("plain");
    expect(r.data.values.map((v) => `${v.municipality}=${v.value}`)).toEqual([
      "0580=8605",
      "0380=9100",
      "0484=9450.5",
      "2281=7000",
    ]);
    expect(r.notes).toEqual([
      {
        code: "koladaRowsSkipped",
        message: expect.stringContaining(
          'kommunnamn som inte kunde kopplas till en kommunkod (raderna används inte): "Ankeborg"',
        ),
      },
    ]);
  });

  it("a file's decimal mark decides: Swedish commas (dots as thousands), or dots with comma thousands", () => {
    const sv = readKoladaSources([
      src(
        "sv.csv",
        "kpi;kommun;år;värde\nN00001;0580;2022;1.234,5\nN00001;0581;2022;−12,25\nN00001;0380;2022;7",
      ),
    ]);
    expect(sv.data.values.map((v) => v.value)).toEqual([1234.5, -12.25, 7]);
    const en = readKoladaSources([
      src("en.csv", 'kpi,municipality_id,year,value\nN00001,0580,2022,"1,234.5"\nN00001,0581,2022,12.25'),
    ]);
    expect(en.data.values.map((v) => v.value)).toEqual([1234.5, 12.25]);
  });

  it("names resolve through a /v3/municipality file given with the data, codes with a lost leading zero are padded", () => {
    const csv =
      "kpi;kommun;år;värde\nN00945;Region Östergötland;2022;470 000\nN00945;580;2022;165 000\nN00945;Linköpings kommun;2021;164 000";
    const without = readKoladaSources([src("a.csv", csv)]);
    expect(without.notes[0].message).toContain('"Region Östergötland"');
    const r = readKoladaSources([src("kommuner.json", MUNICIPALITY_JSON), src("a.csv", csv)]);
    expect(r.data.values.map((v) => `${v.municipality} ${v.period}`)).toEqual([
      "0005 2022",
      "0580 2022",
      "0580 2021",
    ]);
  });

  it("KPI titles in a CSV resolve through a /v3/kpi file; unknown ones are named", () => {
    const csv =
      "Nyckeltal;Kommun;År;Värde\nKostnad missbruksvård, kr/inv;0580;2022;761\nOkänt mått;0580;2022;1";
    const r = readKoladaSources([src("kpi.json", KPI_JSON), src("t.csv", csv)]);
    expect(r.data.values.map((v) => v.kpi)).toEqual(["N35001"]);
    expect(r.notes[0].message).toContain(
      'nyckeltal som inte kunde kopplas till ett KPI-id (raderna används inte): "Okänt mått"',
    );
  });

  it("reads Windows-1252 text as Excel saves CSV, and refuses binary files", () => {
    const latin1 = new Uint8Array([...Buffer.from("kpi;kommun;år;värde\nN1;Linköping;2022;1", "latin1")]);
    expect(decodeKoladaBytes("x.csv", latin1)).toContain("Linköping");
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
    expect(() => decodeKoladaBytes("kolada.xlsx", xlsx)).toThrow(
      /^Filen "kolada\.xlsx" är en zip-fil \(till exempel en Excel-fil \.xlsx\)\. Väntade en svarsfil från Koladas API v3/,
    );
    expect(() => decodeKoladaBytes("bild.bin", new Uint8Array([1, 0, 2, 3]))).toThrow(
      /är en binärfil, inte text/,
    );
  });
});

describe("wrong inputs are refused with the file, what it is and what was expected", () => {
  it.each([
    [
      "v2.json",
      V2_ERROR_JSON,
      /^Filen "v2\.json" är ett felsvar från Koladas API: "API v2 is deprecated.*HTTP 410.*Väntade en svarsfil/,
    ],
    [
      "svar.txt",
      HTTP_410_TEXT,
      /^Filen "svar\.txt" är ett felsvar \(HTTP 410 Gone\) från Koladas nedlagda API v2/,
    ],
    [
      "kpi.json",
      KPI_JSON,
      /^Filen "kpi\.json" är en lista över nyckeltal \(\/v3\/kpi\), inte värden\..*som saknas/,
    ],
    ["grupper.json", GROUPS_JSON, /^Filen "grupper\.json" är en lista över kommungrupper/],
    [
      "trasig.json",
      v3Page(n35001Rows()).slice(0, 200),
      /^Filen "trasig\.json" är inte giltig JSON \((rad \d+, tecken \d+|filen tar slut mitt i)\); den kan vara avbruten/,
    ],
    [
      "sida.html",
      "<!DOCTYPE html><html><body>Fel</body></html>",
      /^Filen "sida\.html" är en webbsida \(HTML\)/,
    ],
    ["tom.json", "  \n", /^Filen "tom\.json" är tom\./],
    [
      "annat.json",
      JSON.stringify({ values: [{ foo: 1 }] }),
      /^Filen "annat\.json" är JSON som inte kommer från Koladas API/,
    ],
    [
      "annat.csv",
      "a;b;c\n1;2;3",
      /^Filen "annat\.csv" har ingen rubrikrad med kolumner för kommun, år och värde \(första raden: "a;b;c"\)/,
    ],
    ["tom-sida.json", v3Page([]), /^Filen "tom-sida\.json" innehåller inga värden/],
  ])("%s", (name, text, expected) => {
    expect(refusal([src(name, text)])).toMatch(expected);
  });

  it("names every bad file at once, and the good ones do not hide them", () => {
    const message = refusal([
      src("ok.json", v3Page(n35001Rows())),
      src("v2.json", V2_ERROR_JSON),
      src("x.json", "{"),
    ]);
    const lines = message.split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Filen "v2\.json"/);
    expect(lines[1]).toMatch(/^Filen "x\.json" är inte giltig JSON/);
  });
});

describe("linking indicators to KPIs by title", () => {
  const kpis = JSON.parse(KPI_JSON).values as { id: string; title: string }[];

  it("links when one title fits the wording best", () => {
    expect(
      matchKpiByTitle(
        "Kostnad (kr/inv) för missbruksvård ska vara på samma nivå eller lägre som snittkostnaden för R9. ¹⁰",
        kpis,
      ).match,
    ).toMatchObject({ id: "N35001" });
    expect(matchKpiByTitle("Kostnaden för öppna insatser för barn och unga", kpis).match).toMatchObject({
      id: "N33009",
    });
  });

  it("does not link on generic words or on a tie", () => {
    expect(matchKpiByTitle("Kostnad per invånare, kr/inv", kpis).match).toBeNull();
    expect(matchKpiByTitle("Total sjukfrånvaro", kpis).match).toBeNull();
    const twins = [
      { id: "N00001", title: "Andel nöjda brukare hemtjänst" },
      { id: "N00002", title: "Andel nöjda brukare hemtjänst" },
    ];
    const r = matchKpiByTitle("Andel nöjda brukare i hemtjänst", twins);
    expect(r.match).toBeNull();
    expect(r.ambiguous.map((k) => k.id)).toEqual(["N00001", "N00002"]);
  });
});
