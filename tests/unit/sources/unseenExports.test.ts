/**
 * Acceptance-style QA of issue 13: finance-system exports written here from what Raindance,
 * Unit4/Agresso, Visma, Hypergene and Excel actually save (not from the project's fixtures), run
 * through the CLI as a user runs it. Totals are computed independently, in öre, from the bookings.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { parseSwedishNumber } from "../../../src/domain/numbers";
import { parsePeriod } from "../../../src/mapping/ledger/periods";
import { NAMND_BIN } from "../../support/namnd";

jest.setTimeout(240_000);

const dir = mkdtempSync(join(tmpdir(), "namnd-unseen-"));

async function namnd(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [NAMND_BIN, ...args], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

// ---- Encodings, as the systems write them ----
const utf8 = (text: string, bom = false) =>
  Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text, "utf8")]);
/** Windows-1252 for the characters these files use (Latin-1 range, where 1252 agrees). */
function cp1252(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff || (c >= 0x80 && c < 0xa0)) throw new Error(`not in the test's 1252 range: ${text[i]}`);
    out[i] = c;
  }
  return out;
}
const utf16le = (text: string, bom = true) =>
  Buffer.concat([Buffer.from(bom ? [0xff, 0xfe] : []), Buffer.from(text, "utf16le")]);

// ---- Bookings: integers in öre, so the expected totals are exact ----
interface Booking {
  ansvar: string;
  verksamhet: string;
  name: string;
  konto: string;
  year: number;
  month: number; // 1-12
  day: number;
  ore: number;
}
const UNITS = [
  { ansvar: "1100", verksamhet: "510", name: "Äldreomsorg" },
  { ansvar: "1200", verksamhet: "410", name: "Förskola" },
  { ansvar: "1300", verksamhet: "420", name: "Grundskola åk 7–9".replace("–", "-") },
];
function bookings(year: number, months: number[], seed: number): Booking[] {
  let s = seed;
  const rnd = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const out: Booking[] = [];
  for (const month of months)
    for (const u of UNITS)
      for (let k = 0; k < 3; k++) {
        const big = rnd() < 0.2;
        const sign = rnd() < 0.25 ? -1 : 1;
        const ore = sign * Math.round((big ? 1_000_000 + rnd() * 4_000_000 : rnd() * 90_000) * 100);
        out.push({
          ...u,
          konto: sign < 0 ? "3010" : k === 0 ? "5010" : "4010",
          year,
          month,
          day: 1 + Math.floor(rnd() * 28),
          ore,
        });
      }
  return out;
}
const B2024 = bookings(2024, [1, 2, 3], 7);
const netByMonth = (rows: readonly Booking[]) => {
  const m = new Map<string, number>();
  for (const b of rows) {
    const key = `${b.year}-${String(b.month).padStart(2, "0")}`;
    m.set(key, (m.get(key) ?? 0) + b.ore);
  }
  return [...m].sort((a, b) => a[0].localeCompare(b[0])).map(([period, ore]) => ({ period, ore }));
};
const sumOre = (rows: readonly Booking[]) => rows.reduce((s, b) => s + b.ore, 0);

// ---- Swedish amount notations ----
function groups(ore: number, sep: string): string {
  const abs = Math.abs(ore);
  const kr = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  return `${kr},${String(abs % 100).padStart(2, "0")}`;
}
type Notation = (ore: number) => string;
const leading =
  (sep: string, minus = "-"): Notation =>
  (o) =>
    `${o < 0 ? minus : ""}${groups(o, sep)}`;
const trailing =
  (sep: string): Notation =>
  (o) =>
    `${groups(o, sep)}${o < 0 ? "-" : ""}`;
const parens =
  (sep: string): Notation =>
  (o) =>
    o < 0 ? `(${groups(o, sep)})` : groups(o, sep);

const pad2 = (n: number) => String(n).padStart(2, "0");
const MONTH_NAMES = [
  "januari",
  "februari",
  "mars",
  "april",
  "maj",
  "juni",
  "juli",
  "augusti",
  "september",
  "oktober",
  "november",
  "december",
];

interface Export {
  name: string;
  bytes: Buffer;
  rows: Booking[];
  /** Row labels the forecast must show (names survive the encoding), when the file has names. */
  labels?: string[];
  /** Whether the fix of this QA round is what makes it readable (documentation only). */
  fixed?: string;
}

function raindance(rows: Booking[]): Export {
  const f = trailing(" ");
  const lines = [
    "Huvudboksutdrag;;;;;;;",
    "Period: 202401 - 202403;;;;;;;",
    "Utskriven av: Åsa Öberg 2024-04-03;;;;;;;",
    ";;;;;;;",
    "Ansvar;Verksamhet;Aktivitet;Konto;Motpart;Projekt;Period;Belopp",
    ...rows.map((b) => `${b.ansvar};${b.verksamhet};0000;${b.konto};;;${b.year}${pad2(b.month)};${f(b.ore)}`),
    `Summa;;;;;;;${f(sumOre(rows))}`,
  ];
  return { name: "Raindance huvudboksutdrag.csv", bytes: cp1252(lines.join("\r\n") + "\r\n"), rows };
}

function agressoUnicode(rows: Booking[]): Export {
  const f = leading("\u00a0", "\u2212");
  const lines = [
    "Transaktionslista\t\t\t\t\t\t",
    "Bolag: 100 Kommunen\t\t\t\t\t\t",
    "Konto\tKonto(T)\tAnsvar\tAnsvar(T)\tVerksamhet\tBokf.datum\tBelopp",
    ...rows.map(
      (b) =>
        `${b.konto}\tKonto ${b.konto}\t${b.ansvar}\tEnhet ${b.ansvar}\t${b.name}\t${b.year}-${pad2(b.month)}-${pad2(b.day)}\t${f(b.ore)}`,
    ),
    `Totalt\t\t\t\t\t\t${f(sumOre(rows))}`,
  ];
  return {
    name: "Transaktionslista.txt",
    bytes: utf16le(lines.join("\r\n") + "\r\n"),
    rows,
    labels: UNITS.map((u) => u.name),
  };
}

function agressoHuvudbok(rows: Booking[]): Export {
  const f = trailing("\u202f");
  const lines = [
    "Huvudbok",
    "Urval: Period 202401 - 202403",
    "Användare: KALLE",
    "Period\tKonto\tAnsvar\tVerksamhet\tAktivitet\tMotpart\tProjekt\tBelopp\t\t",
    ...rows.map(
      (b) => `${b.year}${pad2(b.month)}\t${b.konto}\t${b.ansvar}\t${b.verksamhet}\t\t\t\t${f(b.ore)}\t\t`,
    ),
    `\t\t\t\t\t\tSumma\t${f(sumOre(rows))}\t\t`,
  ];
  return { name: "huvudbok_agresso.txt", bytes: utf8(lines.join("\n")), rows };
}

function agressoYyyymmdd(rows: Booking[]): Export {
  const lines = [
    "Ansvar;Verksamhet;Konto;Bokf.datum;Belopp",
    ...rows.map(
      (b) =>
        `${b.ansvar};${b.verksamhet};${b.konto};${b.year}${pad2(b.month)}${pad2(b.day)};${leading(" ")(b.ore)}`,
    ),
  ];
  return { name: "transaktioner yyyymmdd.csv", bytes: utf8(lines.join("\n")), rows, fixed: "YYYYMMDD" };
}

function visma(rows: Booking[]): Export {
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const f = (o: number) => groups(o, " ");
  const debet = rows.filter((b) => b.ore > 0).reduce((s, b) => s + b.ore, 0);
  const kredit = -rows.filter((b) => b.ore < 0).reduce((s, b) => s + b.ore, 0);
  const lines = [
    q("Verifikationslista"),
    ["Datum", "Konto", "Kontonamn", "Ansvar", "Verksamhet", "Text", "Debet", "Kredit"].map(q).join(","),
    ...rows.map((b, i) =>
      [
        `${b.year}-${pad2(b.month)}-${pad2(b.day)}`,
        b.konto,
        "Köpta tjänster",
        b.ansvar,
        b.verksamhet,
        i % 3 === 0 ? 'Faktura 12, "brådskande"' : i % 3 === 1 ? "Rad ett\r\nrad två" : "Lön; mars",
        b.ore > 0 ? f(b.ore) : "",
        b.ore < 0 ? f(b.ore) : "",
      ]
        .map(q)
        .join(","),
    ),
    ["Summa", "", "", "", "", "", f(debet), f(kredit)].map(q).join(","),
  ];
  return { name: "visma_verlista.csv", bytes: utf8(lines.join("\r\n"), true), rows };
}

function hypergene(rows: Booking[]): Export {
  const f = parens(".");
  const lines = [
    "Rapport: Utfall per månad;;;;",
    "Månad;Ansvar;Verksamhet;Utfall;Budget",
    ...rows.map(
      (b) => `${MONTH_NAMES[b.month - 1]} ${b.year};${b.ansvar};${b.name};${f(b.ore)};${f(1_000_000)}`,
    ),
    `Total;;;${f(sumOre(rows))};${f(1_000_000 * rows.length)}`,
  ];
  return {
    name: "hypergene utfall.csv",
    bytes: cp1252(lines.join("\r\n")),
    rows,
    labels: UNITS.map((u) => u.name),
  };
}

function excelCurrency(rows: Booking[]): Export {
  // Excel (sv-SE) "CSV (semikolonavgränsad)": the displayed value, NBSP thousands and " kr".
  const f = (o: number) => `${leading("\u00a0")(o)} kr`;
  const lines = [
    "Period;Ansvar;Verksamhet;Konto;Belopp SEK;;;",
    ...rows.map((b) => `${b.year}-${pad2(b.month)};${b.ansvar};${b.verksamhet};${b.konto};${f(b.ore)};;;`),
    ";;;;;;;",
    "",
  ];
  return { name: "sparad i excel.csv", bytes: cp1252(lines.join("\r\n")), rows, fixed: "kr suffix" };
}

function pagedReport(rows: Booking[]): Export {
  // A report printed page by page into a text file: page titles, the header again, subtotals without text.
  const head = "Ansvar;Verksamhet;Period;Belopp";
  const lines: string[] = [];
  UNITS.forEach((u, p) => {
    const mine = rows.filter((b) => b.ansvar === u.ansvar);
    lines.push(`Huvudbok sida ${p + 1};;;`, head);
    for (const b of mine)
      lines.push(`${b.ansvar};${b.verksamhet};${pad2(b.month)}/${b.year};${leading(" ")(b.ore)}`);
    lines.push(`;;;${leading(" ")(sumOre(mine))}`, ";;;");
  });
  return {
    name: "huvudbok sidvis.csv",
    bytes: cp1252(lines.join("\n")),
    rows,
    fixed: "header again, MM/YYYY, subtotal",
  };
}

function unicodeNoBom(rows: Booking[]): Export {
  const lines = [
    "Period\tVerksamhet\tBelopp",
    ...rows.map((b) => `${b.year} ${pad2(b.month)}\t${b.name}\t${leading("")(b.ore)}`),
  ];
  return {
    name: "unicode utan bom.txt",
    bytes: utf16le(lines.join("\r\n"), false),
    rows,
    labels: UNITS.map((u) => u.name),
    fixed: "UTF-16 without BOM",
  };
}

function ansvarOnly(rows: Booking[]): Export {
  const lines = [
    "Huvudboksutdrag per ansvar",
    "Ansvar;Konto;Period;Valuta;Valutabelopp;Belopp",
    ...rows.map((b) => `${b.ansvar};${b.konto};${b.year}-P${pad2(b.month)};EUR;1,00;${leading(" ")(b.ore)}`),
  ];
  return {
    name: "per ansvar.csv",
    bytes: cp1252(lines.join("\n")),
    rows,
    labels: UNITS.map((u) => u.ansvar),
    fixed: "ansvar as row key, Valutabelopp",
  };
}

function tabWithSemicolons(rows: Booking[]): Export {
  // Excel's "Text (tabbavgränsad)" of a ledger whose text column holds a ';' on every row.
  const lines = [
    "Huvudbok; urval period 202401-202403",
    "Period\tAnsvar\tVerksamhet\tText\tBelopp",
    ...rows.map(
      (b, i) =>
        `${b.year}${pad2(b.month)}\t${b.ansvar}\t${b.verksamhet}\tFaktura ${i}; kontor\t${leading(" ")(b.ore)}`,
    ),
  ];
  return { name: "tabb med semikolon.txt", bytes: cp1252(lines.join("\r\n")), rows, fixed: "separator tie" };
}

function monthlySubtotals(rows: Booking[]): Export {
  // Grouped by period, a subtotal after each month with the period filled in and "Summa" where
  // the verksamhet is; a booking whose text begins with "Total" is still a booking.
  const f = trailing(" ");
  const lines = ["Period;Ansvar;Verksamhet;Text;Belopp"];
  for (const m of [1, 2, 3]) {
    const mine = rows.filter((b) => b.month === m);
    for (const b of mine)
      lines.push(`2024${pad2(m)};${b.ansvar};${b.verksamhet};Total renovering;${f(b.ore)}`);
    lines.push(`2024${pad2(m)};;Summa period;;${f(sumOre(mine))}`);
  }
  lines.push(`Totalt;;;;${f(sumOre(rows))}`);
  return {
    name: "per period med summor.csv",
    bytes: cp1252(lines.join("\r\n")),
    rows,
    fixed: "Summa beside a period",
  };
}

async function excelExport(rows: Booking[]): Promise<Export> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Rapport");
  ws.addRow(["Utfall per konto, Hypergene"]);
  ws.addRow(["Hämtad 2024-04-03 av Åsa"]);
  ws.addRow([]);
  ws.addRow(["Bokföringsdatum", "Ansvar", "Verksamhet", "Konto", "Belopp i valuta", "Belopp SEK"]);
  for (const b of rows)
    ws.addRow([
      new Date(Date.UTC(b.year, b.month - 1, b.day)),
      b.ansvar,
      b.verksamhet,
      b.konto,
      1,
      b.ore / 100,
    ]);
  // A subtotal for March with a date and "Summa" where the verksamhet is.
  const march = rows.filter((b) => b.month === 3);
  ws.addRow([new Date(Date.UTC(2024, 2, 31)), null, "Summa mars", null, march.length, sumOre(march) / 100]);
  ws.addRow(["Summa", null, null, null, rows.length, sumOre(rows) / 100]);
  ws.getColumn(1).numFmt = "yyyy-mm-dd";
  const path = join(dir, "hypergene export.xlsx");
  await wb.xlsx.writeFile(path);
  const { readFileSync } = await import("node:fs");
  return { name: "hypergene export.xlsx", bytes: readFileSync(path), rows, fixed: "Summa under the date" };
}

function write(name: string, bytes: Buffer, modifiedSec = 1_712_000_000): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  utimesSync(path, modifiedSec, modifiedSec);
  return path;
}

let workbook: string;
beforeAll(async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Anteckningar").getCell("A1").value = "Månadsrapport, underlag i separata filer";
  workbook = join(dir, "rapport.xlsx");
  await wb.xlsx.writeFile(workbook);
});

interface ForecastJson {
  rows: { label: string; ytd: number; budget: number | null }[];
  total: { ytd: number; budget: number | null };
  findings: { severity: string; code: string; message: string; cell: string | null }[];
  sources: {
    name: string;
    months: { period: string; net: number }[];
    budgets: { year: number; budget: number }[];
  }[];
}

async function forecast(...paths: string[]): Promise<{ code: number; json: ForecastJson; stderr: string }> {
  const r = await namnd(
    "forecast",
    workbook,
    "--as-of",
    "2024-03",
    "--json",
    ...paths.flatMap((p) => ["--source", p]),
  );
  return { code: r.code, json: JSON.parse(r.stdout) as ForecastJson, stderr: r.stderr };
}

function expectMonths(json: ForecastJson, index: number, rows: readonly Booking[]): void {
  const got = json.sources[index].months.map((m) => ({ period: m.period, ore: Math.round(m.net * 100) }));
  expect(got).toEqual(netByMonth(rows));
}

const SHAPES: [string, () => Export | Promise<Export>][] = [
  ["Raindance: Windows-1252, ';', CRLF, title lines, trailing minus, Summa", () => raindance(B2024)],
  [
    "Unit4 Transaktionslista: UTF-16LE with BOM (Excel's Unicode text), tab, NBSP, U+2212, names with åäö",
    () => agressoUnicode(B2024),
  ],
  [
    "Unit4 Huvudbok: UTF-8 without BOM, tab, LF, U+202F, trailing minus, trailing empty columns",
    () => agressoHuvudbok(B2024),
  ],
  ["Booking dates as YYYYMMDD", () => agressoYyyymmdd(B2024)],
  [
    "Visma: ',' with quoted Swedish decimals, Debet/Kredit, quoted separators, quotes and line breaks",
    () => visma(B2024),
  ],
  [
    "Hypergene: 'mars 2024', Utfall + Budget, '.' thousands, parenthesised negatives, Total",
    () => hypergene(B2024),
  ],
  [
    "Excel-saved CSV: currency format (' kr'), NBSP in 1252, trailing empty columns",
    () => excelCurrency(B2024),
  ],
  ["Paged report: header repeated, page titles, subtotals without text, MM/YYYY", () => pagedReport(B2024)],
  ["UTF-16LE without BOM, 'YYYY MM' periods", () => unicodeNoBom(B2024)],
  [
    "Ansvar as the only unit column, 'YYYY-Pmm', foreign-currency amount beside Belopp",
    () => ansvarOnly(B2024),
  ],
  ["Tab-separated with a ';' in every row's text", () => tabWithSemicolons(B2024)],
  ["Subtotal per month: period filled in, 'Summa' in the Verksamhet column", () => monthlySubtotals(B2024)],
  [
    "Excel export (.xlsx): real dates, Summa under the date column, Belopp i valuta before Belopp SEK",
    () => excelExport(B2024),
  ],
];

describe("unseen finance-system exports through namnd forecast --source", () => {
  it.each(SHAPES)("%s", async (_title, make) => {
    const x = await make();
    const path = write(x.name, x.bytes);
    const { code, json, stderr } = await forecast(path);
    expect(stderr).not.toMatch(/^Fel:/m);
    expect(code).toBe(0);
    expect(json.sources.map((s) => s.name)).toEqual([x.name]);
    expectMonths(json, 0, x.rows);
    // To the krona (and the öre): the year to date is the sum of every booking, totals never added.
    expect(Math.round(json.total.ytd * 100)).toBe(sumOre(x.rows));
    if (x.labels) expect(json.rows.map((r) => r.label).sort()).toEqual([...x.labels].sort());
  });
});

describe("several files at once", () => {
  const Y2023 = bookings(2023, [10, 11, 12], 11);
  const DEC_AGAIN = bookings(2023, [12], 13); // December re-exported with corrections in this year's file
  it("last year's and this year's ledger overlap in 2023-12: reported, taken once from the newer file, budget from a third", async () => {
    const last = write("HB 2023.csv", raindance(Y2023).bytes, 1_704_500_000);
    const thisYear = write("HB 2024.txt", agressoUnicode([...DEC_AGAIN, ...B2024]).bytes, 1_712_000_000);
    const budgetLines = [
      "Budget 2024, belopp i kr",
      "Verksamhet;Benämning;Budget 2024",
      ...UNITS.map((u, i) => `${u.name};${u.name};${groups((i + 1) * 123_456_78, " ")}`),
      `Summa;;${groups(6 * 123_456_78, " ")}`,
    ];
    const budget = write("Budget 2024.csv", cp1252(budgetLines.join("\r\n")), 1_705_000_000);
    const { code, json, stderr } = await forecast(last, thisYear, budget);
    expect(code).toBe(0);
    const overlap = json.findings.filter((f) => f.code === "sourceMonthOverlap");
    expect(overlap).toHaveLength(1);
    expect(overlap[0].message).toContain(
      'Utfallet för 2023-12 finns både i "HB 2024.txt" och i "HB 2023.csv"',
    );
    expect(stderr).toContain("Varning: Utfallet för 2023-12");
    expectMonths(json, 0, Y2023);
    expectMonths(json, 1, [...DEC_AGAIN, ...B2024]);
    expect(Math.round(json.total.ytd * 100)).toBe(sumOre(B2024));
    expect(json.sources[2].budgets.map((b) => [b.year, Math.round(b.budget * 100)])).toEqual([
      [2024, 6 * 123_456_78],
    ]);
    expect(Math.round(json.total.budget! * 100)).toBe(6 * 123_456_78);
    for (const [i, u] of UNITS.entries()) {
      const row = json.rows.find((r) => r.label === u.name)!;
      expect(Math.round(row.ytd * 100)).toBe(sumOre(B2024.filter((b) => b.ansvar === u.ansvar)));
      expect(Math.round(row.budget! * 100)).toBe((i + 1) * 123_456_78);
    }
  });
});

describe("bad files: a clear Swedish message naming the file, and nothing written", () => {
  it.each([
    ["tom.csv", Buffer.alloc(0), /Filen "tom\.csv" är tom/],
    [
      "adresser.csv",
      cp1252("Namn;Telefon;E-post\r\nÅsa;070-1;a@b.se\r\n"),
      /Filen "adresser\.csv" innehåller ingen tabell som kan läsas/,
    ],
    [
      "halvt citat.txt",
      utf8('Period\tVerksamhet\tText\tBelopp\n202401\t510\t"öppnas aldrig\t1 234,50\n202402\t510\tx\t5,00\n'),
      /Filen "halvt citat\.txt" har ett citattecken på rad 2 som aldrig avslutas/,
    ],
    [
      "gammal.xls",
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      /Filen "gammal\.xls" är i Excels äldre format \(\.xls\)/,
    ],
  ])("%s: exit 2", async (name, bytes, message) => {
    const path = write(name, bytes);
    const out = join(dir, `ut-${name}.xlsx`);
    const r = await namnd("generate", workbook, "-o", out, "--source", path);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });

  it("an unreadable amount and period in a Raindance file name the file, row and column; exit 1 and nothing written", async () => {
    const good = raindance(B2024.slice(0, 4));
    const text = good.bytes.toString("latin1").split("\r\n");
    // Line 7 (the second booking): amount "12,34,56"; line 8: period 202413.
    text[6] = text[6].replace(/;[^;]*$/, ";12,34,56");
    text[7] = text[7].replace(/;(\d{6});/, ";202413;");
    const path = write("trasig huvudbok.csv", cp1252(text.join("\r\n")));
    const out = join(dir, "ut-trasig.xlsx");
    const r = await namnd("generate", workbook, "-o", out, "--source", path);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `Fel: Beloppet i '[trasig huvudbok.csv]trasig huvudbok'!H7 ("12,34,56") är inget tal`,
    );
    expect(r.stderr).toContain(
      `Fel: Perioden i '[trasig huvudbok.csv]trasig huvudbok'!G8 ("202413") går inte att tolka som månad`,
    );
    expect(r.stderr).toContain("Inget blad skrevs.");
    expect(existsSync(out)).toBe(false);
  });

  it("the same file given twice is refused (exit 2), never counted twice", async () => {
    const path = write("samma fil.csv", raindance(B2024).bytes);
    const out = join(dir, "ut-samma.xlsx");
    const r = await namnd(
      "generate",
      workbook,
      "-o",
      out,
      "--source",
      path,
      "--source",
      join(dir, ".", "samma fil.csv"),
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("anges mer än en gång med --source");
    expect(r.stderr).toContain("samma fil.csv");
    expect(existsSync(out)).toBe(false);
  });

  it("a comma-separated export with unquoted decimal commas is refused row by row, not misread", async () => {
    const path = write("komma.csv", utf8("Period,Verksamhet,Belopp\n202401,510,1000\n202402,510,1234,50\n"));
    const { code, json } = await forecast(path);
    expect(code).toBe(1);
    const wide = json.findings.find((f) => f.code === "sourceRowTooWide")!;
    expect(wide.message).toContain("Rad 3 i [komma.csv]komma har 4 fält men rubrikraden 3");
  });
});

describe("the notations found in this QA round, one by one", () => {
  it("periods: YYYYMMDD (text and number), MM/YYYY, 'YYYY MM', YYYY-Pmm, YYYY.MM.DD; impossible months refused", () => {
    const month = (year: number, m: number) => ({ kind: "month", year, month: m - 1 });
    expect(parsePeriod("20240315")).toEqual(month(2024, 3));
    expect(parsePeriod(20240315)).toEqual(month(2024, 3));
    expect(parsePeriod("03/2024")).toEqual(month(2024, 3));
    expect(parsePeriod("3-2024")).toEqual(month(2024, 3));
    expect(parsePeriod("2024 03")).toEqual(month(2024, 3));
    expect(parsePeriod("2024-P03")).toEqual(month(2024, 3));
    expect(parsePeriod("2024P03")).toEqual(month(2024, 3));
    expect(parsePeriod("2024.03.15")).toEqual(month(2024, 3));
    expect(parsePeriod("15.03.2024 00:00")).toEqual(month(2024, 3));
    expect(parsePeriod("20241315")).toBeNull();
    expect(parsePeriod("20240332")).toBeNull();
    expect(parsePeriod("13/2024")).toBeNull();
    expect(parsePeriod("2024-P13")).toBeNull();
  });

  it("amounts with a currency: ' kr', 'SEK', ':-'; 'tkr' stays unreadable (a unit, not a currency sign)", () => {
    const value = (t: string) => {
      const p = parseSwedishNumber(t);
      return p.kind === "number" ? p.value : p.kind;
    };
    expect(value("1\u00a0234,50 kr")).toBe(1234.5);
    expect(value("-2 000,00 kr")).toBe(-2000);
    expect(value("2 000,00- kr")).toBe(-2000);
    expect(value("(2 000,00) kr")).toBe(-2000);
    expect(value("SEK 1 234,50")).toBe(1234.5);
    expect(value("1 234,50 SEK")).toBe(1234.5);
    expect(value("1 234:-")).toBe(1234);
    expect(value("1 234 tkr")).toBe("invalid");
    expect(value("kr")).toBe("invalid");
  });
});
