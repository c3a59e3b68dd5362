/**
 * The HTML preview renderer: a SheetSpec as a table, each cell's text exactly as Excel shows it
 * (formatValue, Swedish), with the spec's bold/italic/indent/borders/fill/colours. Pure: the pane
 * renders the model with React, and renderSheetSpecHtml gives the same as markup (tests, export).
 */
import { formatValue } from "./numberFormat";
import { type SheetSpec, type SpecStyle, denseRows } from "./sheetSpec";

/** CSS properties as camelCase keys (React's style object) with string values. */
export type CssProperties = Record<string, string>;

export interface HtmlCell {
  /** 0-based column in the spec. */
  col: number;
  text: string;
  /** True for a number (rendered right-aligned). */
  numeric: boolean;
  colSpan: number;
  rowSpan: number;
  style: CssProperties;
}

export interface HtmlRow {
  /** 0-based row in the spec. */
  row: number;
  cells: HtmlCell[];
}

export interface HtmlTable {
  name: string;
  /** Column widths in CSS ch (Excel's width unit is about one character). */
  columnWidths: number[];
  rows: HtmlRow[];
  tableStyle: CssProperties;
}

const BORDER = { thin: "1px solid #000000", medium: "2px solid #000000" } as const;

/** Each cell's style: the spec's styles applied in order over their ranges (later wins). */
function cellStyles(spec: SheetSpec, height: number, width: number): SpecStyle[][] {
  const grid: SpecStyle[][] = Array.from({ length: height }, () => Array.from({ length: width }, () => ({})));
  for (const { range, style } of spec.styles) {
    for (let r = range.top; r <= Math.min(range.bottom, height - 1); r++) {
      for (let c = range.left; c <= Math.min(range.right, width - 1); c++) {
        grid[r][c] = { ...grid[r][c], ...style };
      }
    }
  }
  return grid;
}

function toCss(
  style: SpecStyle,
  numeric: boolean,
  formatColor: string | null,
  baseSize: number,
): CssProperties {
  const css: CssProperties = {};
  if (style.bold) css.fontWeight = "bold";
  if (style.italic) css.fontStyle = "italic";
  if (style.indent) css.paddingLeft = `${style.indent * 1.5 + 0.25}em`;
  // Relative to the sheet's font, so the whole table scales with the table's font size.
  if (style.fontSize) css.fontSize = `${Math.round((style.fontSize / baseSize) * 100) / 100}em`;
  const color = formatColor ?? style.fontColor;
  if (color) css.color = color;
  if (style.fill) css.backgroundColor = style.fill;
  if (style.borderTop) css.borderTop = BORDER[style.borderTop];
  if (style.borderBottom) css.borderBottom = BORDER[style.borderBottom];
  const align = style.horizontalAlignment ?? (numeric ? "right" : undefined);
  if (align) css.textAlign = align;
  if (style.verticalAlignment)
    css.verticalAlign = style.verticalAlignment === "center" ? "middle" : style.verticalAlignment;
  css.whiteSpace = style.wrapText ? "normal" : numeric ? "nowrap" : "normal";
  return css;
}

/** The spec as rows of cells with their displayed text and CSS. */
export function sheetSpecToTable(spec: SheetSpec): HtmlTable {
  const rows = denseRows(spec);
  const width = rows.reduce((max, row) => Math.max(max, row.length), 0);
  const styles = cellStyles(spec, rows.length, width);
  const covered = new Set<string>();
  const mergeAt = new Map<string, { rowSpan: number; colSpan: number }>();
  for (const m of spec.merges) {
    mergeAt.set(`${m.top},${m.left}`, { rowSpan: m.bottom - m.top + 1, colSpan: m.right - m.left + 1 });
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) covered.add(`${r},${c}`);
  }

  const out: HtmlRow[] = rows.map((row, r) => {
    // Like Excel, a lone text in the first column (title, notes) runs over the empty cells to its right.
    const loneText =
      typeof row[0]?.value === "string" &&
      row.slice(1).every((cell) => cell.value === null) &&
      !spec.merges.some((m) => m.top <= r && r <= m.bottom);
    const cells: HtmlCell[] = [];
    for (let c = 0; c < width; c++) {
      if (covered.has(`${r},${c}`)) continue;
      const cell = row[c] ?? { value: null };
      const numeric = typeof cell.value === "number";
      const formatted = formatValue(cell.value, cell.numberFormat);
      const merge = mergeAt.get(`${r},${c}`);
      const colSpan = loneText && c === 0 ? width : (merge?.colSpan ?? 1);
      const style = toCss(styles[r]?.[c] ?? {}, numeric, formatted.color, spec.fontSize);
      if (loneText && c === 0) {
        // Its own style, but the row's borders and fill over the whole width.
        cells.push({ col: c, text: formatted.text, numeric, colSpan, rowSpan: 1, style });
        break;
      }
      cells.push({ col: c, text: formatted.text, numeric, colSpan, rowSpan: merge?.rowSpan ?? 1, style });
    }
    return { row: r, cells };
  });

  return {
    name: spec.name,
    columnWidths: Array.from({ length: width }, (_, c) => spec.columnWidths[c] ?? 9),
    rows: out,
    tableStyle: {
      borderCollapse: "collapse",
      fontFamily: `${spec.fontName}, "Segoe UI", Carlito, sans-serif`,
      fontSize: `${spec.fontSize}pt`,
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function cssText(css: CssProperties): string {
  return Object.entries(css)
    .map(([key, value]) => `${key.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)}:${value}`)
    .join(";");
}

/** The spec as an HTML <table> string (escaped). */
export function renderSheetSpecHtml(spec: SheetSpec): string {
  const table = sheetSpecToTable(spec);
  const cols = table.columnWidths.map((w) => `<col style="width:${w}ch">`).join("");
  const body = table.rows
    .map((row) => {
      const cells = row.cells
        .map((cell) => {
          const span =
            (cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : "") +
            (cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : "");
          const style = cssText(cell.style);
          return `<td${span}${style ? ` style="${escapeHtml(style)}"` : ""}>${escapeHtml(cell.text)}</td>`;
        })
        .join("");
      return `<tr>${cells}</tr>`;
    })
    .join("");
  return `<table style="${escapeHtml(cssText(table.tableStyle))}" data-sheet="${escapeHtml(table.name)}"><colgroup>${cols}</colgroup><tbody>${body}</tbody></table>`;
}
