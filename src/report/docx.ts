/**
 * The Ekonomi section as a Word document (the committee's report is one): every sheet the add-in
 * laid out becomes a heading, its table (the text exactly as the sheet displays it) and its notes,
 * each sheet on a new page. Built from the SheetSpecs, so the document and the workbook can never
 * say different things.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import { formatText } from "./numberFormat";
import type { SheetSpec, SpecCell } from "./sheetSpec";

const text = (cell: SpecCell | undefined): string => (cell ? formatText(cell.value, cell.numberFormat) : "");

function styleAt(
  spec: SheetSpec,
  row: number,
  col: number,
): { bold: boolean; italic: boolean; fill: string | null } {
  let bold = false;
  let italic = false;
  let fill: string | null = null;
  for (const { range, style } of spec.styles) {
    if (row < range.top || row > range.bottom || col < range.left || col > range.right) continue;
    if (style.bold !== undefined) bold = style.bold;
    if (style.italic !== undefined) italic = style.italic;
    if (style.fill !== undefined) fill = style.fill;
  }
  return { bold, italic, fill };
}

/** Rows with two or more filled cells are the table; a lone text in the first column is prose. */
function blocks(spec: SheetSpec): { kind: "table" | "text"; rows: number[] }[] {
  const out: { kind: "table" | "text"; rows: number[] }[] = [];
  spec.rows.forEach((row, r) => {
    if (r === 0) return; // the title
    const filled = row.filter((c) => text(c) !== "").length;
    if (filled === 0) {
      out.push({ kind: "text", rows: [] });
      return;
    }
    const kind = filled >= 2 || row.slice(1).some((c) => text(c) !== "") ? "table" : "text";
    const last = out[out.length - 1];
    if (last && last.kind === kind && kind === "table") last.rows.push(r);
    else out.push({ kind, rows: [r] });
  });
  return out.filter((b) => b.rows.length > 0);
}

function tableOf(spec: SheetSpec, rows: number[]): Table {
  const width = Math.max(...rows.map((r) => spec.rows[r].length));
  const widths = Array.from({ length: width }, (_, c) => spec.columnWidths[c] ?? 12);
  const total = widths.reduce((s, w) => s + w, 0);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths.map((w) => Math.round((w / total) * 9000)),
    rows: rows.map(
      (r) =>
        new TableRow({
          children: Array.from({ length: width }, (_, c) => {
            const cell = spec.rows[r][c];
            const s = styleAt(spec, r, c);
            const numeric = typeof cell?.value === "number";
            return new TableCell({
              width: { size: Math.round((widths[c] / total) * 100), type: WidthType.PERCENTAGE },
              shading: s.fill
                ? { type: ShadingType.CLEAR, color: "auto", fill: s.fill.replace("#", "") }
                : undefined,
              children: [
                new Paragraph({
                  alignment: numeric || (c > 0 && r === rows[0]) ? AlignmentType.RIGHT : AlignmentType.LEFT,
                  children: [new TextRun({ text: text(cell), bold: s.bold, italics: s.italic, size: 16 })],
                }),
              ],
            });
          }),
        }),
    ),
    borders: {
      top: { style: BorderStyle.SINGLE, size: 4, color: "000000" },
      bottom: { style: BorderStyle.SINGLE, size: 4, color: "000000" },
      left: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
      right: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
      insideHorizontal: { style: BorderStyle.SINGLE, size: 2, color: "BFBFBF" },
      insideVertical: { style: BorderStyle.NONE, size: 0, color: "FFFFFF" },
    },
  });
}

export function ekonomiDocument(specs: readonly SheetSpec[], title: string): Document {
  return new Document({
    creator: "Nämnduppföljning",
    title,
    styles: { default: { document: { run: { font: "Calibri", size: 20 } } } },
    sections: specs.map((spec) => ({
      properties: {
        page: {
          size: {
            orientation:
              spec.print?.orientation === "landscape" ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
            width: 11906, // A4 in twips
            height: 16838,
          },
          margin: { top: 1000, bottom: 1000, left: 1000, right: 1000 },
        },
      },
      children: [
        new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text(spec.rows[0]?.[0]))] }),
        ...blocks(spec).flatMap((b) =>
          b.kind === "table"
            ? [tableOf(spec, b.rows), new Paragraph({ children: [] })]
            : b.rows.map((r) => {
                const s = styleAt(spec, r, 0);
                return new Paragraph({
                  spacing: { after: 120 },
                  children: [new TextRun({ text: text(spec.rows[r][0]), bold: s.bold, italics: s.italic })],
                });
              }),
        ),
      ],
    })),
  });
}

export async function ekonomiDocx(specs: readonly SheetSpec[], title: string): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(ekonomiDocument(specs, title)));
}
