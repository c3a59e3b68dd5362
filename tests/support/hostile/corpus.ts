/**
 * Hostile inputs for the four CLI commands, built by code (nothing binary is committed): files
 * that are not workbooks, packages that lie, workbooks that are valid but odd. Each case says
 * what every command must do with it; tests/unit/hostile/corpus.test.ts runs them all and
 * bench/hostile.ts times them.
 */
import ExcelJS from "exceljs";
import { deflateRawSync } from "node:zlib";
import { buildQ1_2023 } from "../../fixtures/budget/seedWorkbooks";
import { q1_2023Grid } from "../../fixtures/indicators/q1_2023";
import { addGridSheet } from "../../fixtures/indicators/xlsx";
import { buildQ1Ledger } from "../../fixtures/ledger/q1Ledger";
import { buildZip, patchZip } from "./zip";

export type Command = "inspect" | "generate" | "forecast" | "check-indicators";
export const COMMANDS: Command[] = ["inspect", "generate", "forecast", "check-indicators"];

export interface Outcome {
  code: 0 | 1 | 2;
  /** stderr must match (Swedish; the file's name is checked separately for exit 2). */
  stderr?: RegExp;
  /** The fix belongs to another engineer: the run is expected to differ until it lands. */
  owner?: string;
}

export interface HostileCase {
  id: string;
  build: () => Promise<Buffer> | Buffer;
  /** Per command; `all` for the rest. */
  expect: Partial<Record<Command | "all", Outcome>>;
  /** The file's extension (default .xlsx: hostile files arrive renamed). */
  ext?: string;
}

const refused = (stderr: RegExp): HostileCase["expect"] => ({ all: { code: 2, stderr } });

async function xlsx(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const budget = () => xlsx(buildQ1_2023());
function indicatorsWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  addGridSheet(wb, q1_2023Grid());
  return wb;
}

/** The usual outcome of a valid workbook of each kind. */
const BUDGET_OK: HostileCase["expect"] = {
  inspect: { code: 0 },
  generate: { code: 0 },
  forecast: { code: 1 },
  "check-indicators": { code: 1, stderr: /Ingen indikatortabell/ },
};
const NO_TABLE: HostileCase["expect"] = {
  inspect: { code: 0 },
  generate: { code: 1, stderr: /Ingen tabell/ },
  forecast: { code: 1 },
  "check-indicators": { code: 1, stderr: /Ingen indikatortabell/ },
};

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

export interface RawSheet {
  name: string;
  /** The <worksheet> element's content (sheetData and after). */
  body?: string;
  /** A whole sheet part, prolog included, for cases about the XML itself. */
  xml?: string;
  state?: "hidden" | "veryHidden";
}

/** A minimal .xlsx from raw parts, as other tools than Excel write them. */
export function rawXlsx(
  sheets: RawSheet[],
  options: { omit?: string[]; extra?: Record<string, string>; workbookXml?: string } = {},
): Buffer {
  const parts: Record<string, string> = {
    "[Content_Types].xml":
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join("") +
      `</Types>`,
    "_rels/.rels":
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    "xl/workbook.xml":
      options.workbookXml ??
      `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} ${REL_NS}><sheets>` +
        sheets
          .map(
            (s, i) =>
              `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`,
          )
          .join("") +
        `</sheets></workbook>`,
    "xl/_rels/workbook.xml.rels":
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join("") +
      `</Relationships>`,
    ...options.extra,
  };
  sheets.forEach((s, i) => {
    parts[`xl/worksheets/sheet${i + 1}.xml`] =
      s.xml ??
      `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}>${s.body ?? "<sheetData/>"}</worksheet>`;
  });
  return buildZip(
    Object.entries(parts)
      .filter(([name]) => !options.omit?.includes(name))
      .map(([name, data]) => ({ name, data })),
  );
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
}

const inline = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`;
const num = (ref: string, v: number | string) => `<c r="${ref}"><v>${v}</v></c>`;

/** A small valid summary table as raw XML, for cases that add something odd to it. */
function tableRows(extraCells = ""): string {
  const rows = [
    `<row r="1">${inline("A1", "Belopp i tkr")}</row>`,
    `<row r="2">${inline("A2", "Verksamhet")}${inline("B2", "Budget 2023")}${inline("C2", "Prognos 2023")}</row>`,
    `<row r="3">${inline("A3", "Äldreomsorg")}${num("B3", 1200)}${num("C3", 1250)}</row>`,
    `<row r="4">${inline("A4", "Individ- och familjeomsorg")}${num("B4", 800)}${num("C4", 790)}</row>`,
    `<row r="5">${inline("A5", "Summa")}${num("B5", 2000)}${num("C5", 2040)}</row>`,
  ];
  return `<sheetData>${rows.join("")}${extraCells}</sheetData>`;
}

/** OLE2 compound file header plus directory names in UTF-16LE, as the classifier reads them. */
function oleFile(streams: string[]): Buffer {
  const header = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const names = streams.map((s) => Buffer.from(s, "utf16le"));
  return Buffer.concat([
    header,
    Buffer.alloc(504),
    ...names.map((n) => Buffer.concat([n, Buffer.alloc(128 - n.length)])),
  ]);
}

async function withBudgetSheet(
  change: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const wb = buildQ1_2023();
  change(wb.getWorksheet("Driftredovisning")!, wb);
  return xlsx(wb);
}

/** Swaps a sheet name in xl/workbook.xml (ExcelJS itself refuses to write such names). */
async function renamedInPackage(from: string, to: string, base: () => Promise<Buffer>): Promise<Buffer> {
  return patchZip(await base(), (parts) => {
    const xml = parts.get("xl/workbook.xml")!.toString("utf8");
    parts.set("xl/workbook.xml", Buffer.from(xml.replace(`name="${from}"`, `name="${escapeXml(to)}"`)));
  });
}

const STRAY = /XFD1048576/;

export const CORPUS: HostileCase[] = [
  // --- Not a workbook at all.
  { id: "empty-file", build: () => Buffer.alloc(0), expect: refused(/är tom/) },
  { id: "text-plain", build: () => Buffer.from("hej hopp\n"), expect: refused(/textfil/) },
  {
    id: "csv-semicolon",
    build: () => Buffer.from("Verksamhet;Budget\nÄldreomsorg;1 200\n"),
    expect: refused(/textfil \(t\.ex\. CSV\)/),
    ext: ".csv",
  },
  {
    id: "csv-renamed-xlsx",
    build: () => Buffer.from("\uFEFFVerksamhet,Budget\nA,1\n"),
    expect: refused(/CSV/),
  },
  {
    id: "utf16-text",
    build: () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Verksamhet\tBudget\r\n", "utf16le")]),
    expect: refused(/textfil/),
  },
  {
    id: "html-as-xls",
    build: () => Buffer.from("<html><body><table><tr><td>1</td></tr></table></body></html>"),
    expect: refused(/webbsida/),
  },
  {
    id: "xml-spreadsheet-2003",
    build: () =>
      Buffer.from(
        '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>',
      ),
    expect: refused(/XML-kalkylblad/),
  },
  { id: "xml-other", build: () => Buffer.from('<?xml version="1.0"?><data/>'), expect: refused(/XML-fil/) },
  { id: "pdf", build: () => Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), expect: refused(/PDF/) },
  {
    id: "png",
    build: () =>
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    expect: refused(/inte en Excel-arbetsbok/),
  },
  {
    id: "random-bytes",
    build: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)),
    expect: refused(/inte en Excel-arbetsbok/),
  },
  // --- Office files of the wrong kind.
  {
    id: "xls-biff",
    build: () => oleFile(["Root Entry", "Workbook", "\u0005SummaryInformation"]),
    expect: refused(/äldre Excel-arbetsbok \(\.xls\)/),
    ext: ".xls",
  },
  {
    id: "encrypted-ooxml",
    build: () => oleFile(["Root Entry", "EncryptionInfo", "EncryptedPackage", "\u0006DataSpaces"]),
    expect: refused(/lösenordsskyddad.*Arkiv → Info → Skydda arbetsbok → Kryptera med lösenord/),
  },
  {
    id: "doc-ole",
    build: () => oleFile(["Root Entry", "WordDocument", "1Table"]),
    expect: refused(/Word-dokument \(\.doc\)/),
  },
  {
    id: "ole-other",
    build: () => oleFile(["Root Entry", "__substg1.0_0037001F"]),
    expect: refused(/äldre Office-dokument/),
  },
  {
    id: "ods",
    build: () =>
      buildZip([
        { name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", method: 0 },
        { name: "content.xml", data: "<office:document-content/>" },
      ]),
    expect: refused(/OpenDocument-kalkylblad \(\.ods\)/),
  },
  {
    id: "odt",
    build: () =>
      buildZip([
        { name: "mimetype", data: "application/vnd.oasis.opendocument.text", method: 0 },
        { name: "content.xml", data: "<x/>" },
      ]),
    expect: refused(/OpenDocument-textdokument/),
  },
  {
    id: "docx",
    build: () =>
      buildZip([
        { name: "[Content_Types].xml", data: "<Types/>" },
        { name: "word/document.xml", data: "<w:document/>" },
      ]),
    expect: refused(/Word-dokument \(\.docx\)/),
  },
  {
    id: "pptx",
    build: () =>
      buildZip([
        { name: "[Content_Types].xml", data: "<Types/>" },
        { name: "ppt/presentation.xml", data: "<p:presentation/>" },
      ]),
    expect: refused(/PowerPoint-presentation \(\.pptx\)/),
  },
  {
    id: "xlsb",
    build: () =>
      buildZip([
        { name: "[Content_Types].xml", data: "<Types/>" },
        { name: "xl/workbook.bin", data: "\u0083\u0001" },
      ]),
    expect: refused(/binär Excel-arbetsbok/),
  },
  {
    id: "plain-zip",
    build: () => buildZip([{ name: "readme.txt", data: "hej" }]),
    expect: refused(/zip-arkiv men inte en Excel-arbetsbok/),
  },
  { id: "empty-zip", build: () => buildZip([]), expect: refused(/zip-arkiv men inte en Excel-arbetsbok/) },
  {
    id: "zip-password",
    build: () => buildZip([{ name: "xl/workbook.xml", data: "x", flags: 1 }]),
    expect: refused(/lösenordsskyddat zip-arkiv/),
  },
  // --- Damaged packages.
  {
    id: "truncated-half",
    build: async () => (await budget()).subarray(0, 3000),
    expect: refused(/skadad.*avkortad/),
  },
  {
    id: "truncated-tail",
    build: async () => {
      const b = await budget();
      return b.subarray(0, b.length - 10);
    },
    expect: refused(/skadad/),
  },
  {
    id: "missing-workbook-xml",
    build: () => rawXlsx([{ name: "Blad1", body: tableRows() }], { omit: ["xl/workbook.xml"] }),
    expect: refused(/xl\/workbook\.xml saknas/),
  },
  {
    id: "missing-content-types",
    build: () => rawXlsx([{ name: "Blad1", body: tableRows() }], { omit: ["[Content_Types].xml"] }),
    expect: refused(/Content_Types/),
  },
  {
    id: "crc-mismatch",
    build: () =>
      buildZip([
        { name: "[Content_Types].xml", data: "<Types/>" },
        { name: "xl/workbook.xml", data: "<workbook/>", crc: 1234 },
      ]),
    expect: refused(/delen xl\/workbook\.xml är trasig/),
  },
  {
    id: "duplicate-part",
    build: () =>
      buildZip([
        { name: "[Content_Types].xml", data: "<Types/>" },
        { name: "xl/workbook.xml", data: "<a/>" },
        { name: "xl/workbook.xml", data: "<b/>" },
      ]),
    expect: refused(/samma del två gånger/),
  },
  {
    id: "broken-sheet-xml",
    build: () =>
      rawXlsx([
        {
          name: "Blad1",
          xml: `<?xml version="1.0"?><worksheet ${NS}><sheetData><row r="1"><c r="A1"><v>1</v>`,
        },
      ]),
    expect: refused(/skadad/),
  },
  { id: "no-sheets", build: () => rawXlsx([]), expect: refused(/inga blad/) },
  // --- Zip bombs.
  { id: "bomb-declared", build: () => bombDeclared(), expect: refused(/för stor/) },
  { id: "bomb-lying-size", build: () => bombLying(), expect: refused(/zip-bomb/) },
  { id: "bomb-ratio", build: () => bombRatio(), expect: refused(/för stor/) },
  { id: "bomb-overlap", build: () => bombOverlap(), expect: refused(/överlappar/) },
  { id: "bomb-total", build: () => bombTotal(), expect: refused(/för stor.*uppackat/) },
  // --- XML attacks.
  {
    id: "billion-laughs",
    build: () =>
      rawXlsx([
        {
          name: "Blad1",
          xml: `<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "hahahahaha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&d;&d;&d;</t></is></c></row></sheetData></worksheet>`,
        },
      ]),
    expect: refused(/DTD/),
  },
  {
    id: "xxe-workbook",
    build: () =>
      rawXlsx([{ name: "Blad1", body: tableRows() }], {
        workbookXml: `<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]><workbook ${NS} ${REL_NS}><sheets><sheet name="&x;" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      }),
    expect: refused(/DTD/),
  },
  {
    id: "deeply-nested-xml",
    build: () =>
      rawXlsx([
        {
          name: "Blad1",
          body: `${tableRows()}<extLst>${"<ext>".repeat(200_000)}${"</ext>".repeat(200_000)}</extLst>`,
        },
      ]),
    expect: {
      inspect: { code: 0 },
      generate: { code: 0 },
      forecast: { code: 1 },
      "check-indicators": { code: 1 },
    },
  },
  // --- Sizes and counts.
  {
    id: "too-many-cells",
    build: () => rawXlsx([{ name: "Data", body: `<sheetData>${manyRows(210_000, 10)}</sheetData>` }]),
    expect: refused(/för stor.*celler/),
  },
  {
    id: "too-many-rows",
    build: () =>
      rawXlsx([
        {
          name: "Data",
          body: `<sheetData>${Array.from({ length: 2_100_000 }, (_, i) => `<row r="${i + 1}"/>`).join("")}</sheetData>`,
        },
      ]),
    expect: refused(/för stor/),
  },
  {
    id: "merge-bomb",
    build: () =>
      rawXlsx([
        {
          name: "Blad1",
          body: `${tableRows()}<mergeCells count="1"><mergeCell ref="D1:XFD1048576"/></mergeCells>`,
        },
      ]),
    expect: refused(/för stor/),
  },
  {
    id: "validation-bomb",
    build: () =>
      rawXlsx([
        {
          name: "Blad1",
          body: `${tableRows()}<dataValidations count="1"><dataValidation type="whole" sqref="A:XFD"><formula1>0</formula1></dataValidation></dataValidations>`,
        },
      ]),
    expect: refused(/för stor/),
  },
  {
    id: "too-many-merges",
    build: () =>
      rawXlsx([
        {
          name: "Blad1",
          body: `${tableRows()}<mergeCells>${Array.from({ length: 6000 }, (_, i) => `<mergeCell ref="H${i + 1}:I${i + 1}"/>`).join("")}</mergeCells>`,
        },
      ]),
    expect: refused(/sammanfogade/),
  },
  {
    id: "very-many-sheets",
    build: () => rawXlsx(Array.from({ length: 1100 }, (_, i) => ({ name: `Blad${i + 1}` }))),
    expect: refused(/1100 blad/),
  },
  // --- Sheet names.
  {
    id: "sheet-name-32",
    build: () => renamedInPackage("Driftredovisning", "D".repeat(32), budget),
    expect: refused(/32 tecken långt; Excel tillåter högst 31/),
  },
  {
    id: "sheet-name-40",
    build: () => renamedInPackage("Driftredovisning", "Driftredovisning för hela nämnden 2023", budget),
    expect: refused(/högst 31/),
  },
  {
    id: "sheet-name-31",
    build: () => renamedInPackage("Driftredovisning", "Ekonomi".padEnd(31, "x"), budget),
    expect: BUDGET_OK,
  },
  {
    id: "sheet-name-slash",
    build: () => renamedInPackage("Driftredovisning", "Drift/2023", budget),
    expect: refused(/tecken som Excel inte tillåter/),
  },
  {
    id: "sheet-name-case-dup",
    build: () => rawXlsx([{ name: "Data", body: tableRows() }, { name: "DATA" }]),
    expect: refused(/två blad som heter/),
  },
  {
    id: "sheet-name-odd-chars",
    build: () =>
      withBudgetSheet((ws) => {
        ws.name = "Drift & 'budget' <2023> ÅÄÖ";
      }),
    expect: BUDGET_OK,
  },
  {
    id: "sheet-name-emoji",
    build: () =>
      withBudgetSheet((ws) => {
        ws.name = "Ekonomi 📊 %#";
      }),
    expect: BUDGET_OK,
  },
  {
    id: "sheet-name-blank",
    build: () => rawXlsx([{ name: " ", body: tableRows() }]),
    expect: refused(/blad utan namn/),
  },
  // --- Cells far away, many strings, long texts.
  {
    id: "stray-xfd1048576",
    build: () =>
      withBudgetSheet((ws) => {
        ws.getCell("XFD1048576").value = 1;
      }),
    expect: { ...BUDGET_OK, inspect: { code: 0, stderr: STRAY }, generate: { code: 0, stderr: STRAY } },
  },
  {
    id: "stray-only-cell",
    build: () =>
      rawXlsx([
        { name: "Blad1", body: `<sheetData><row r="1048576">${num("XFD1048576", 5)}</row></sheetData>` },
      ]),
    expect: NO_TABLE,
  },
  {
    id: "stray-text-ledger",
    build: async () => {
      const wb = buildQ1Ledger();
      wb.getWorksheet("Huvudbok")!.getCell("XFD1048576").value = "glömd";
      return xlsx(wb);
    },
    expect: {
      inspect: { code: 0, stderr: STRAY },
      generate: { code: 0, stderr: STRAY },
      forecast: { code: 0, stderr: STRAY },
      "check-indicators": { code: 1 },
    },
  },
  {
    id: "stray-indicators",
    build: async () => {
      const wb = indicatorsWorkbook();
      wb.worksheets[0].getCell("ZZ900000").value = "x";
      return xlsx(wb);
    },
    expect: {
      inspect: { code: 0, stderr: /ZZ900000/ },
      generate: { code: 1 },
      forecast: { code: 1 },
      "check-indicators": { code: 0, stderr: /ZZ900000/ },
    },
  },
  {
    id: "sparse-diagonal",
    build: () =>
      rawXlsx([
        {
          name: "Blad1",
          body: `<sheetData>${Array.from({ length: 3000 }, (_, i) => `<row r="${i * 300 + 1}">${num(`${colName(i * 5)}${i * 300 + 1}`, i)}</row>`).join("")}</sheetData>`,
        },
      ]),
    expect: { ...NO_TABLE, inspect: { code: 0 } },
  },
  {
    id: "huge-shared-strings",
    build: () =>
      withBudgetSheet((ws) => {
        for (let i = 0; i < 400; i++)
          ws.getCell(40 + i, 10).value = `${"<".repeat(12_000)}${",.".repeat(6_000)}${i}`;
      }),
    expect: BUDGET_OK,
  },
  {
    id: "label-over-32767",
    build: () =>
      withBudgetSheet((ws) => {
        ws.getCell("A7").value = "Ä".repeat(40_000);
      }),
    expect: { ...BUDGET_OK, generate: { code: 1, stderr: /Driftredovisning!A7.*32 767/ } },
  },
  // --- Values.
  {
    id: "formulas-without-values",
    build: () =>
      withBudgetSheet((ws) => {
        for (let r = 5; r <= 17; r++)
          ws.getCell(r, 6).value = { formula: `E${r}*1.01` } as ExcelJS.CellFormulaValue;
      }),
    expect: { ...BUDGET_OK, generate: { code: 1, stderr: /Driftredovisning!F5.*öppna och spara i Excel/i } },
  },
  {
    id: "formulas-without-values-ledger",
    build: async () => {
      const wb = buildQ1Ledger();
      const ws = wb.getWorksheet("Huvudbok")!;
      for (let r = 2; r <= 40; r++)
        ws.getCell(r, 6).value = { formula: `1+${r}` } as ExcelJS.CellFormulaValue;
      return xlsx(wb);
    },
    expect: {
      inspect: { code: 0 },
      generate: { code: 1, stderr: /Huvudbok!F2.*öppna och spara i Excel/i },
      forecast: { code: 1, stderr: /Huvudbok!F2.*öppna och spara i Excel/i },
      "check-indicators": { code: 1 },
    },
  },
  {
    id: "error-values-everywhere",
    build: () =>
      withBudgetSheet((ws) => {
        for (let r = 5; r <= 17; r++)
          for (let c = 2; c <= 7; c++) ws.getCell(r, c).value = { error: "#REF!" } as ExcelJS.CellErrorValue;
      }),
    expect: {
      ...BUDGET_OK,
      generate: {
        code: 1,
        stderr: /Driftredovisning!B5\b/,
      },
    },
  },
  {
    id: "amount-1e308",
    build: () =>
      withBudgetSheet((ws) => {
        ws.getCell("B5").value = 1e308;
      }),
    expect: {
      ...BUDGET_OK,
      generate: {
        code: 1,
        stderr: /Driftredovisning!B5/,
      },
    },
  },
  {
    id: "amount-nan-text",
    build: () =>
      withBudgetSheet((ws) => {
        ws.getCell("C6").value = "NaN";
        ws.getCell("D6").value = "Infinity";
      }),
    expect: { ...BUDGET_OK, generate: { code: 1, stderr: /Driftredovisning!C6/ } },
  },
  {
    id: "amount-1e308-ledger",
    build: async () => {
      const wb = buildQ1Ledger();
      wb.getWorksheet("Huvudbok")!.getCell("F2").value = 1e308;
      return xlsx(wb);
    },
    expect: {
      inspect: { code: 0 },
      generate: { code: 1, stderr: /Huvudbok!F2/ },
      forecast: { code: 1, stderr: /Huvudbok!F2/ },
      "check-indicators": { code: 1 },
    },
  },
  // --- Workbook shapes.
  {
    id: "empty-workbook",
    build: () =>
      xlsx(
        (() => {
          const wb = new ExcelJS.Workbook();
          wb.addWorksheet("Blad1");
          return wb;
        })(),
      ),
    expect: NO_TABLE,
  },
  {
    id: "only-hidden-sheets",
    build: () =>
      withBudgetSheet((ws, wb) => {
        wb.addWorksheet("Tom").state = "visible";
        ws.state = "hidden";
      }),
    expect: NO_TABLE,
  },
  {
    id: "merged-everywhere",
    build: () =>
      withBudgetSheet((ws) => {
        for (let r = 30; r < 1030; r++) ws.mergeCells(r, 1, r, 3);
      }),
    expect: BUDGET_OK,
  },
  {
    id: "merged-over-table",
    build: () =>
      withBudgetSheet((ws) => {
        ws.mergeCells("B5:C8");
      }),
    expect: { ...BUDGET_OK, generate: { code: 1 } },
  },
  {
    id: "user-settings-named-sheet",
    build: () =>
      withBudgetSheet((_, wb) => {
        wb.addWorksheet("_Nämnduppföljning").getCell("A1").value = "mina anteckningar";
      }),
    expect: BUDGET_OK,
  },
  {
    id: "user-malavstamning-case",
    build: async () => {
      const wb = indicatorsWorkbook();
      wb.addWorksheet("målavstämning").getCell("A1").value = "egen";
      return xlsx(wb);
    },
    expect: {
      inspect: { code: 0 },
      generate: { code: 1 },
      forecast: { code: 1 },
      "check-indicators": { code: 0 },
    },
  },
  {
    id: "user-driftsammandrag-upper",
    build: () =>
      withBudgetSheet((_, wb) => {
        wb.addWorksheet("DRIFTSAMMANDRAG 2023-03").getCell("A1").value = "egen";
      }),
    expect: BUDGET_OK,
  },
  {
    id: "formula-text-labels",
    build: () =>
      withBudgetSheet((ws) => {
        ws.getCell("A5").value = '=HYPERLINK("http://x","klicka")';
        ws.getCell("A6").value = "+46 Övrigt";
        ws.getCell("A7").value = "@Övrigt stöd";
      }),
    expect: BUDGET_OK,
  },
];

function colName(i: number): string {
  let n = i + 1;
  let s = "";
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function manyRows(rows: number, cols: number): string {
  const out: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < cols; c++) row += `<c r="${colName(c)}${r}"><v>${r}</v></c>`;
    out.push(`${row}</row>`);
  }
  return out.join("");
}

/** A sheet part that declares 4 GB. */
function bombDeclared(): Buffer {
  return patchDeclared(
    rawXlsx([{ name: "Blad1", body: tableRows() }]),
    "xl/worksheets/sheet1.xml",
    0xfffffff0,
  );
}

/** Declares a few KB, inflates to 300 MB of spaces: caught while inflating, capped at the declared size. */
function bombLying(): Buffer {
  const body = deflateRawSync(Buffer.alloc(300 * 1024 * 1024, 0x20));
  return buildZipWithRaw("xl/worksheets/sheet1.xml", body, 4096);
}

/** An honest 200+ MB part (a 1:1000 ratio is possible for deflate, so the size limit catches it). */
function bombRatio(): Buffer {
  const body = deflateRawSync(Buffer.alloc(210 * 1024 * 1024, 0x20));
  return buildZipWithRaw("xl/worksheets/sheet1.xml", body, 210 * 1024 * 1024);
}

/** Many entries sharing one compressed kernel (the non-recursive zip bomb). */
function bombOverlap(): Buffer {
  return buildZip([
    { name: "[Content_Types].xml", data: "<Types/>" },
    { name: "xl/workbook.xml", data: `<workbook ${NS}><sheets/></workbook>` },
    { name: "xl/worksheets/sheet1.xml", data: "<worksheet/>".repeat(1000) },
    ...Array.from({ length: 50 }, (_, i) => ({
      name: `xl/worksheets/sheet${i + 2}.xml`,
      data: "",
      shareWith: "xl/worksheets/sheet1.xml",
    })),
  ]);
}

/** Parts that each stay under the per-part limit but together declare 1.6 GB. */
function bombTotal(): Buffer {
  let zip = rawXlsx([{ name: "Blad1", body: tableRows() }], {
    extra: Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [`xl/media/image${i}.png`, noise(300_000, i)]),
    ),
  });
  for (let i = 0; i < 8; i++) zip = patchDeclared(zip, `xl/media/image${i}.png`, 199 * 1024 * 1024);
  return zip;
}

/** Incompressible text, so a large declared size keeps a possible compression ratio. */
function noise(length: number, seed: number): string {
  let x = seed + 1;
  let s = "";
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    s += String.fromCharCode(33 + ((x >>> 0) % 90));
  }
  return s;
}

/** Rewrites one entry's declared uncompressed size in both headers. */
function patchDeclared(zip: Buffer, name: string, size: number): Buffer {
  const out = Buffer.from(zip);
  const needle = Buffer.from(name, "utf8");
  for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, at + 1)) {
    if (out.readUInt32LE(at - 30) === 0x04034b50) out.writeUInt32LE(size, at - 30 + 22);
    if (at >= 46 && out.readUInt32LE(at - 46) === 0x02014b50) out.writeUInt32LE(size, at - 46 + 24);
  }
  return out;
}

/** A minimal package whose sheet part is the given raw deflate stream, declaring `declared` bytes. */
function buildZipWithRaw(name: string, deflated: Buffer, declared: number): Buffer {
  // Written as a stored entry of the deflated bytes, then relabelled as deflated with the lie.
  const parts = buildZip([
    { name: "[Content_Types].xml", data: "<Types/>" },
    {
      name: "xl/workbook.xml",
      data: `<workbook ${NS} ${REL_NS}><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    { name, data: deflated, method: 0 },
  ]);
  const out = Buffer.from(parts);
  const needle = Buffer.from(name, "utf8");
  for (let at = out.indexOf(needle); at >= 0; at = out.indexOf(needle, at + 1)) {
    if (out.readUInt32LE(at - 30) === 0x04034b50) {
      out.writeUInt16LE(8, at - 30 + 8);
      out.writeUInt32LE(declared, at - 30 + 22);
    }
    if (at >= 46 && out.readUInt32LE(at - 46) === 0x02014b50) {
      out.writeUInt16LE(8, at - 46 + 10);
      out.writeUInt32LE(declared, at - 46 + 24);
    }
  }
  return out;
}
