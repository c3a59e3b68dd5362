/** Source files: finance-system exports and workbooks read into Grids, then through the ledger reader. */
import ExcelJS from "exceljs";
import { readLedger } from "../../../src/mapping/ledger";
import {
  decodeText,
  detectSeparator,
  parseDelimited,
  readSourceFile,
  SourceFileError,
} from "../../../src/sources";
import {
  ACTIVITIES,
  bookings,
  expectedNet,
  raindanceText,
  unit4Text,
  utf8,
  vismaText,
  windows1252,
} from "../../fixtures/sources/exports";

const JAN_MAR = bookings(2024, [1, 2, 3]);

/** Net per "code|YYYY-MM" from the ledger read, keyed like expectedNet (labels map back to codes). */
function netByActivity(ledger: ReturnType<typeof readLedger>): Map<string, number> {
  const out = new Map<string, number>();
  for (const row of ledger.rows) {
    const a = ACTIVITIES.find(
      (x) => row.label === x.code || row.label === x.name || row.label.startsWith(`${x.code} `),
    );
    if (!a) throw new Error(`unknown row ${row.label}`);
    for (const [year, months] of row.actual) {
      months.forEach((v, m) => {
        if (v !== null) out.set(`${a.code}|${year}-${String(m + 1).padStart(2, "0")}`, v);
      });
    }
  }
  return out;
}

function expectSameNet(actual: Map<string, number>, expected: Map<string, number>) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [k, v] of expected) expect(actual.get(k)).toBeCloseTo(v, 6);
}

describe("delimited text", () => {
  it("detects ; tab and , and keeps quoted separators, quotes and line breaks", () => {
    expect(detectSeparator("a;b;c\n1;2,5;3\n")).toBe(";");
    expect(detectSeparator("a\tb\tc\n1\t2,5\t3\n")).toBe("\t");
    expect(detectSeparator('"a","b","c"\n"1","2,5","3"\n')).toBe(",");
    expect(detectSeparator("bara en kolumn\n12\n")).toBeNull();
    const { records } = parseDelimited('x;"a;b";"sa ""hej""\r\nrad två"\r\n1;2;3', ";");
    expect(records).toEqual([
      ["x", "a;b", 'sa "hej"\r\nrad två'],
      ["1", "2", "3"],
    ]);
  });

  it("reports a quote that never closes with its row", () => {
    expect(parseDelimited('a;b\n1;"2\n3;4\n', ";").unclosedQuoteAt).toBe(1);
  });

  it("decodes UTF-8 with and without BOM and falls back to Windows-1252", () => {
    expect(decodeText(utf8("Åsa;Öberg", true))).toEqual({ text: "Åsa;Öberg", encoding: "utf-8" });
    expect(decodeText(utf8("Åsa;Öberg"))).toEqual({ text: "Åsa;Öberg", encoding: "utf-8" });
    expect(decodeText(windows1252("Åsa;Öberg;är"))).toEqual({
      text: "Åsa;Öberg;är",
      encoding: "windows-1252",
    });
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from("Konto\tBelopp", "utf16le")]);
    expect(decodeText(utf16).text).toBe("Konto\tBelopp");
  });
});

describe("finance-system exports through the ledger reader", () => {
  it("Raindance: Windows-1252, title lines, trailing minus, the Summa row checked and left out", async () => {
    const read = await readSourceFile({
      name: "raindance 2024.csv",
      bytes: windows1252(raindanceText(JAN_MAR)),
      modified: 1,
    });
    expect(read.file).toMatchObject({ format: "csv", separator: ";", encoding: "windows-1252" });
    const grid = read.grids[0];
    expect(grid.sheet).toBe("[raindance 2024.csv]raindance 2024");
    expect(grid.text[2][0]).toContain("Åsa Öberg");
    const total = read.findings.find((f) => f.code === "sourceTotalRow");
    expect(total?.message).toMatch(
      /^Rad 33 i \[raindance 2024\.csv\]raindance 2024 \("Summa"\) är en summarad.*stämmer med raderna/,
    );
    const ledger = readLedger(read.grids);
    expect(ledger.findings.filter((f) => f.severity === "error")).toEqual([]);
    expect(ledger.bookingRows).toBe(27);
    expectSameNet(netByActivity(ledger), expectedNet(JAN_MAR));
    // Costs and revenues are split by konto class: revenues (3510) came with a trailing minus.
    const ifo = ledger.rows.find((r) => r.label.startsWith("110"))!;
    expect(ifo.revenues!.get(2024)![0]).toBeLessThan(0);
  });

  it("Unit4/Agresso: tab, BOM, (T) text columns, NBSP and U+2212, Utfall and Budget side by side", async () => {
    const read = await readSourceFile({
      name: "agresso.txt",
      bytes: utf8(unit4Text(JAN_MAR), true),
      modified: 1,
    });
    expect(read.file).toMatchObject({ separator: "\t", encoding: "utf-8" });
    const ledger = readLedger(read.grids);
    expect(ledger.findings.filter((f) => f.severity === "error")).toEqual([]);
    expectSameNet(netByActivity(ledger), expectedNet(JAN_MAR));
    // The names come from "Verksamhet (T)", å ä ö intact.
    expect(ledger.registry.names).toEqual(ACTIVITIES.map((a) => a.name));
    // The budget column became monthly budget for the same periods.
    const aldre = ledger.rows.find((r) => r.label.includes("Äldreomsorg"))!;
    const budget = aldre.budget.get(2024)!;
    const expectedBudget = JAN_MAR.filter((b) => b.activity === 1 && b.month === 2).reduce(
      (s, b) => s + b.budget,
      0,
    );
    expect(budget.monthly![1]).toBeCloseTo(expectedBudget, 6);
    expect(read.findings.find((f) => f.code === "sourceTotalRow")?.message).toMatch(
      /Utfall .* stämmer med raderna; Budget .* stämmer/,
    );
  });

  it("Visma: comma-separated, every field quoted, Månad as 2024-01, Verksamhet as names", async () => {
    const read = await readSourceFile({ name: "visma.csv", bytes: utf8(vismaText(JAN_MAR)), modified: 1 });
    expect(read.file.separator).toBe(",");
    const ledger = readLedger(read.grids);
    expect(ledger.findings.filter((f) => f.severity === "error")).toEqual([]);
    expectSameNet(netByActivity(ledger), expectedNet(JAN_MAR));
    expect(ledger.rows.map((r) => r.label).sort()).toEqual(ACTIVITIES.map((a) => a.name).sort());
  });

  it("an .xlsx source: its visible sheets, named [file]sheet", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Huvudbok");
    ws.addRow(["Period", "Verksamhet", "Konto", "Belopp"]);
    for (const b of JAN_MAR) ws.addRow([b.year * 100 + b.month, ACTIVITIES[b.activity].code, 4610, b.amount]);
    wb.addWorksheet("Dold", { state: "hidden" }).addRow(["Period", "Verksamhet", "Belopp"]);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const read = await readSourceFile({ name: "ekonomi.xlsx", bytes, modified: 5 });
    expect(read.grids.map((g) => g.sheet)).toEqual(["[ekonomi.xlsx]Huvudbok"]);
    expect(read.grids[0].source).toEqual({ file: "ekonomi.xlsx", modified: 5, order: 0 });
    const ledger = readLedger(read.grids);
    expect(ledger.lastBooked).toBe(2024 * 12 + 2);
  });
});

describe("bad files get Swedish messages naming file, row and column", () => {
  const refuse = async (name: string, bytes: Uint8Array, pattern: RegExp) => {
    const error = await readSourceFile({ name, bytes, modified: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SourceFileError);
    expect((error as Error).message).toContain(`"${name}"`);
    expect((error as Error).message).toMatch(pattern);
  };

  it("refuses what is not a table", async () => {
    await refuse(
      "gammal.xls",
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      /\.xls.*spara den som \.xlsx/,
    );
    await refuse("tom.csv", new Uint8Array(), /är tom/);
    await refuse("bild.csv", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]), /binärfil/);
    await refuse("rapport.pdf", utf8("%PDF-1.7\n..."), /PDF/);
    await refuse("trasig.xlsx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /kunde inte öppnas/);
    await refuse(
      "citat.csv",
      utf8('Period;Verksamhet;Belopp\n202401;110;"12\n202402;110;13\n'),
      /rad 2 som aldrig avslutas/,
    );
  });

  it("a decimal comma in a comma-separated file is refused per row, not read as two fields", async () => {
    const text = "Period,Verksamhet,Belopp\n202401,110,1000\n202402,110,1234,50\n";
    const read = await readSourceFile({ name: "komma.csv", bytes: utf8(text), modified: null });
    const f = read.findings.find((x) => x.code === "sourceRowTooWide")!;
    expect(f.severity).toBe("error");
    expect(f.message).toMatch(/^Rad 3 i \[komma\.csv\]komma har 4 fält men rubrikraden 3/);
    expect(f.cell).toBe("'[komma.csv]komma'!D3");
    expect(readLedger(read.grids).rows[0].actual.get(2024)![1]).toBeNull();
  });

  it("an unreadable amount is a ledger finding with the file's cell address", async () => {
    const text = "Period;Verksamhet;Belopp\n202401;110;1 000\n202402;110;tusen\n";
    const read = await readSourceFile({ name: "fel.csv", bytes: utf8(text), modified: null });
    const ledger = readLedger(read.grids);
    const f = ledger.findings.find((x) => x.code === "amountUnreadable")!;
    expect(f.cell).toBe("'[fel.csv]fel'!C3");
    expect(f.message).toContain('("tusen") är inget tal');
  });

  it("a total that does not match the rows is a warning", async () => {
    const text = "Period;Verksamhet;Belopp\n202401;110;1 000,00\n202402;110;500,00\nTotalt;;1 600,00\n";
    const read = await readSourceFile({ name: "summa.csv", bytes: utf8(text), modified: null });
    const f = read.findings.find((x) => x.code === "sourceTotalMismatch")!;
    expect(f.severity).toBe("warning");
    expect(f.message).toContain("summaraden 1 600,00, raderna 1 500,00");
    expect(readLedger(read.grids).rows[0].actual.get(2024)!.slice(0, 2)).toEqual([1000, 500]);
  });

  it("codes keep their leading zeros", async () => {
    const text = "Period;Verksamhet;Konto;Belopp\n202401;0110;4610;100\n202401;110;4610;1\n";
    const read = await readSourceFile({ name: "nollor.csv", bytes: utf8(text), modified: null });
    expect(readLedger(read.grids).registry.codes).toEqual(["0110", "110"]);
  });
});

describe("several files merged by period", () => {
  it("a month in two files is taken from the later one, once, with a finding naming both", async () => {
    const y2023 = bookings(2023, [10, 11, 12]);
    const dec2023Revised = bookings(2023, [12], 2);
    const y2024 = [...dec2023Revised, ...bookings(2024, [1, 2])];
    const a = await readSourceFile(
      { name: "hb2023.csv", bytes: utf8(vismaText(y2023)), modified: 1000 },
      { order: 0 },
    );
    const b = await readSourceFile(
      { name: "hb2024.csv", bytes: utf8(vismaText(y2024)), modified: 2000 },
      { order: 1 },
    );
    const ledger = readLedger([...b.grids, ...a.grids]);
    const overlap = ledger.findings.filter((f) => f.code === "sourceMonthOverlap");
    expect(overlap).toHaveLength(1);
    expect(overlap[0].message).toMatch(
      /^Utfallet för 2023-12 finns både i "hb2024\.csv" och i "hb2023\.csv"\. "hb2024\.csv" används \(den ändrades senare\)/,
    );
    const expected = expectedNet([...y2023.filter((x) => x.month !== 12), ...y2024]);
    expectSameNet(netByActivity(ledger), expected);
  });

  it("with equal times the file given later wins; the workbook's own sheets lose to a file", async () => {
    const one = bookings(2024, [1]);
    const two = bookings(2024, [1], 3);
    const a = await readSourceFile(
      { name: "a.csv", bytes: utf8(vismaText(one)), modified: null },
      { order: 0 },
    );
    const b = await readSourceFile(
      { name: "b.csv", bytes: utf8(vismaText(two)), modified: null },
      { order: 1 },
    );
    const ledger = readLedger([...b.grids, ...a.grids]);
    expect(ledger.findings.find((f) => f.code === "sourceMonthOverlap")!.message).toContain(
      "(den angavs senare)",
    );
    expectSameNet(netByActivity(ledger), expectedNet(two));
    const own = { ...a.grids[0], sheet: "Huvudbok", source: undefined };
    const mixed = readLedger([own, b.grids[0]]);
    expect(mixed.findings.find((f) => f.code === "sourceMonthOverlap")!.message).toMatch(
      /finns både i "b\.csv" och i arbetsbokens egna blad\. "b\.csv" används \(en namngiven fil går före/,
    );
    expectSameNet(netByActivity(mixed), expectedNet(two));
  });

  it("budgets overlap by year", async () => {
    const rows = bookings(2024, [1, 2]);
    const a = await readSourceFile({
      name: "u4-jan.txt",
      bytes: utf8(unit4Text(rows.filter((r) => r.month === 1))),
      modified: 1,
    });
    const b = await readSourceFile(
      { name: "u4-feb.txt", bytes: utf8(unit4Text(rows)), modified: 2 },
      { order: 1 },
    );
    const ledger = readLedger([...a.grids, ...b.grids]);
    expect(ledger.findings.find((f) => f.code === "sourceBudgetOverlap")!.message).toMatch(
      /^Budgeten för 2024 finns både i "u4-feb\.txt"/,
    );
    const ifo = ledger.rows.find((r) => r.label.includes("Individ"))!;
    const jan = rows.filter((r) => r.activity === 0 && r.month === 1).reduce((s, r) => s + r.budget, 0);
    expect(ifo.budget.get(2024)!.monthly![0]).toBeCloseTo(jan, 6);
  });
});
