/**
 * Worksheet XML edited as text. A user's sheet can be tens of megabytes and must come back
 * byte for byte except where the add-in marks a cell, so it is never parsed into a DOM: a
 * linear scan finds the rows and cells to change and everything else is copied as it was.
 */
import { NS, escapeAttr } from "./xml";

import { cellAddress } from "../../address";

export { cellAddress };

/** "B12" → { row: 11, col: 1 } (zero-based); null for anything else. */
export function parseCellAddress(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function attrValue(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(tag);
  return m ? (m[1] ?? m[2]) : null;
}

/** The start tag with the attribute set (replaced in place, or added before the tag's end). */
function withAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${escapeAttr(value)}"`);
  const end = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end)} ${name}="${escapeAttr(value)}"${tag.slice(end)}`;
}

function withoutAttr(tag: string, name: string): string {
  return tag.replace(new RegExp(`\\s${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`), "");
}

// ---------------------------------------------------------------------------------------------
// Sheets rendered by ExcelJS (the scratch workbook): its own, regular output.

/** The <si> items of a sharedStrings part, as inner XML. */
export function sharedStringItems(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si(?:\s[^>]*)?(?:\/>|>([\s\S]*?)<\/si>)/g)) out.push(m[1] ?? "");
  return out;
}

/**
 * A sheet ExcelJS wrote, made to fit the original package: style indices mapped into the
 * original styles.xml, shared strings made inline (the original sharedStrings part is left
 * alone), and no tab selection (two selected tabs would group the sheets in Excel).
 */
export function adaptRenderedSheet(xml: string, shared: string[], style: (s: number) => number): string {
  if (/\sdxfId\s*=/.test(xml)) {
    throw new Error("Ett renderat blad har villkorsstyrd formatering, som inte kan föras över.");
  }
  let out = xml.replace(
    /<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g,
    (_m, attrs: string, _end: string, body?: string) => {
      let tag = `<c${attrs}>`;
      const s = attrValue(tag, "s");
      if (s !== null) tag = withAttr(tag, "s", String(style(Number(s))));
      if (attrValue(tag, "t") === "s" && body !== undefined) {
        const index = /<v>\s*(\d+)\s*<\/v>/.exec(body);
        const item = index ? shared[Number(index[1])] : undefined;
        if (item === undefined) throw new Error("En delad textsträng saknas i det renderade bladet.");
        return `${withAttr(tag, "t", "inlineStr")}<is>${item}</is></c>`;
      }
      return body === undefined ? `${tag.slice(0, -1)}/>` : `${tag}${body}</c>`;
    },
  );
  out = out.replace(/<row\b[^>]*>/g, (tag) => {
    const s = attrValue(tag, "s");
    return s === null ? tag : withAttr(tag, "s", String(style(Number(s))));
  });
  out = out.replace(/<col\b[^>]*>/g, (tag) => {
    const s = attrValue(tag, "style");
    return s === null ? tag : withAttr(tag, "style", String(style(Number(s))));
  });
  return out.replace(/<sheetView\b[^>]*>/g, (tag) => withoutAttr(tag, "tabSelected"));
}

// ---------------------------------------------------------------------------------------------
// A user's sheet: minimal edits.

export interface StylePatch {
  row: number;
  col: number;
  /** The new style index given the cell's current one (0 when it has none). */
  style: (current: number) => number;
}

interface Element {
  start: number;
  /** End of the start tag. */
  tagEnd: number;
  end: number;
  tag: string;
  selfClosing: boolean;
}

function scan(xml: string, from: number, to: number, prefix: string, name: string): Element[] {
  const re = new RegExp(`<${prefix}${name}(?=[\\s/>])[^>]*?(/?)>`, "g");
  const close = `</${prefix}${name}>`;
  const out: Element[] = [];
  re.lastIndex = from;
  for (let m = re.exec(xml); m && m.index < to; m = re.exec(xml)) {
    const tagEnd = m.index + m[0].length;
    const selfClosing = m[1] === "/";
    const endAt = selfClosing ? tagEnd : xml.indexOf(close, tagEnd);
    if (endAt < 0) throw new Error(`<${name}> utan slut i bladets XML.`);
    const end = selfClosing ? tagEnd : endAt + close.length;
    out.push({ start: m.index, tagEnd, end, tag: m[0], selfClosing });
    re.lastIndex = end;
  }
  return out;
}

function sheetDataBounds(xml: string): {
  prefix: string;
  open: Element;
  contentStart: number;
  contentEnd: number;
} {
  const m = /<((?:[\w.-]+:)?)sheetData(?=[\s/>])[^>]*?(\/?)>/.exec(xml);
  if (!m) throw new Error("Bladets XML saknar <sheetData>.");
  const prefix = m[1];
  const tagEnd = m.index + m[0].length;
  const selfClosing = m[2] === "/";
  const close = `</${prefix}sheetData>`;
  const contentEnd = selfClosing ? tagEnd : xml.indexOf(close, tagEnd);
  if (contentEnd < 0) throw new Error("<sheetData> utan slut i bladets XML.");
  const end = selfClosing ? tagEnd : contentEnd + close.length;
  return {
    prefix,
    open: { start: m.index, tagEnd, end, tag: m[0], selfClosing },
    contentStart: tagEnd,
    contentEnd,
  };
}

function newCell(prefix: string, row: number, col: number, style: number): string {
  return `<${prefix}c r="${cellAddress(row, col)}"${style === 0 ? "" : ` s="${style}"`}/>`;
}

function widenSpans(tag: string, col: number): string {
  const spans = attrValue(tag, "spans");
  if (spans === null) return tag;
  const m = /^(\d+):(\d+)$/.exec(spans.trim());
  if (!m) return tag;
  const lo = Math.min(Number(m[1]), col + 1);
  const hi = Math.max(Number(m[2]), col + 1);
  return lo === Number(m[1]) && hi === Number(m[2]) ? tag : withAttr(tag, "spans", `${lo}:${hi}`);
}

/**
 * Sets the style index of the given cells. Existing cells change only their s attribute;
 * missing cells (and rows) are inserted in order with no value. Everything else is kept.
 */
export function patchCellStyles(xml: string, patches: StylePatch[]): string {
  if (patches.length === 0) return xml;
  const { prefix, open, contentStart, contentEnd } = sheetDataBounds(xml);
  const byRow = new Map<number, StylePatch[]>();
  for (const p of patches) byRow.set(p.row, [...(byRow.get(p.row) ?? []), p]);
  const rows = scan(xml, contentStart, contentEnd, prefix, "row");

  const edits: { start: number; end: number; text: string }[] = [];
  const newRow = (row: number, list: StylePatch[]) =>
    `<${prefix}row r="${row + 1}">${[...list]
      .sort((a, b) => a.col - b.col)
      .map((p) => newCell(prefix, p.row, p.col, p.style(0)))
      .join("")}</${prefix}row>`;

  let implied = -1;
  const pending = new Set(byRow.keys());
  let created: { row: number; col: number }[] = [];
  for (const el of rows) {
    const r = attrValue(el.tag, "r");
    const rowIndex = r !== null ? Number(r) - 1 : implied + 1;
    implied = rowIndex;
    // Rows the sheet does not have go before the first row after them.
    const before = [...pending].filter((n) => n < rowIndex).sort((a, b) => a - b);
    const inserted = before.map((n) => newRow(n, byRow.get(n)!)).join("");
    created = created.concat(before.flatMap((n) => byRow.get(n)!));
    before.forEach((n) => pending.delete(n));
    // After an inserted row, a row without r would be numbered wrongly: give it its number.
    const row =
      before.length > 0 && r === null ? { ...el, tag: withAttr(el.tag, "r", String(rowIndex + 1)) } : el;
    const list = byRow.get(rowIndex);
    if (list) {
      pending.delete(rowIndex);
      edits.push({
        start: el.start,
        end: el.end,
        text: inserted + patchRow(xml, row, prefix, rowIndex, list, created),
      });
    } else if (inserted) edits.push({ start: el.start, end: el.tagEnd, text: inserted + row.tag });
  }
  const rest = [...pending].sort((a, b) => a - b);
  if (rest.length > 0) {
    created = created.concat(rest.flatMap((n) => byRow.get(n)!));
    const text = rest.map((n) => newRow(n, byRow.get(n)!)).join("");
    if (open.selfClosing) {
      edits.push({
        start: open.start,
        end: open.end,
        text: `${open.tag.slice(0, -2)}>${text}</${prefix}sheetData>`,
      });
    } else edits.push({ start: contentEnd, end: contentEnd, text });
  }
  edits.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const e of edits) {
    out += xml.slice(at, e.start) + e.text;
    at = e.end;
  }
  out += xml.slice(at);
  return created.length > 0 ? widenDimension(out, prefix, created) : out;
}

function patchRow(
  xml: string,
  row: Element,
  prefix: string,
  rowIndex: number,
  list: StylePatch[],
  created: { row: number; col: number }[],
): string {
  const wanted = new Map(list.map((p) => [p.col, p]));
  let rowTag = row.tag;
  if (row.selfClosing) rowTag = `${rowTag.slice(0, -2)}>`;
  const contentStart = row.tagEnd;
  const contentEnd = row.selfClosing ? row.tagEnd : row.end - `</${prefix}row>`.length;
  const cells = scan(xml, contentStart, contentEnd, prefix, "c");
  let out = "";
  let at = contentStart;
  let implied = -1;
  const insert = (cols: number[]) =>
    cols
      .map((col) => {
        created.push({ row: rowIndex, col });
        rowTag = widenSpans(rowTag, col);
        return newCell(prefix, rowIndex, col, wanted.get(col)!.style(0));
      })
      .join("");
  for (const cell of cells) {
    const r = attrValue(cell.tag, "r");
    const pos = r !== null ? parseCellAddress(r) : null;
    const col = pos ? pos.col : implied + 1;
    implied = col;
    out += xml.slice(at, cell.start);
    const before = [...wanted.keys()].filter((c) => c < col).sort((a, b) => a - b);
    let tag = cell.tag;
    if (before.length > 0) {
      out += insert(before);
      before.forEach((c) => wanted.delete(c));
      // After an inserted cell, a cell without r would be numbered wrongly: name it.
      if (r === null) tag = withAttr(tag, "r", cellAddress(rowIndex, col));
    }
    const patch = wanted.get(col);
    if (patch) {
      const current = Number(attrValue(tag, "s") ?? "0");
      const next = patch.style(current);
      // Format 0 is the default: no attribute, as most cells without a format are written.
      tag = next === 0 ? withoutAttr(tag, "s") : withAttr(tag, "s", String(next));
      wanted.delete(col);
    }
    out += tag + xml.slice(cell.start + cell.tag.length, cell.end);
    at = cell.end;
  }
  const tail = xml.slice(at, contentEnd);
  out += insert([...wanted.keys()].sort((a, b) => a - b)) + tail;
  return `${rowTag}${out}</${prefix}row>`;
}

function widenDimension(xml: string, prefix: string, cells: { row: number; col: number }[]): string {
  const re = new RegExp(`<${prefix}dimension(?=[\\s/>])[^>]*>`);
  const m = re.exec(xml);
  if (!m) return xml;
  const ref = attrValue(m[0], "ref");
  if (ref === null) return xml;
  const [a, b] = ref.split(":");
  const p1 = parseCellAddress(a);
  const p2 = parseCellAddress(b ?? a);
  if (!p1 || !p2) return xml;
  let top = Math.min(p1.row, p2.row);
  let left = Math.min(p1.col, p2.col);
  let bottom = Math.max(p1.row, p2.row);
  let right = Math.max(p1.col, p2.col);
  for (const c of cells) {
    top = Math.min(top, c.row);
    left = Math.min(left, c.col);
    bottom = Math.max(bottom, c.row);
    right = Math.max(right, c.col);
  }
  const next = `${cellAddress(top, left)}:${cellAddress(bottom, right)}`;
  if (next === ref) return xml;
  return xml.slice(0, m.index) + withAttr(m[0], "ref", next) + xml.slice(m.index + m[0].length);
}

// ---------------------------------------------------------------------------------------------
// The legacy drawing (VML) reference that comments need.

/** Top-level children of <worksheet> that must come after <legacyDrawing>. */
const AFTER_LEGACY_DRAWING = [
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

/** The relationship id of the sheet's <legacyDrawing>, or null. */
export function legacyDrawingId(xml: string): string | null {
  const m = /<(?:[\w.-]+:)?legacyDrawing(?=[\s/>])[^>]*>/.exec(xml);
  if (!m) return null;
  const id = /\s[\w.-]+:id\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(m[0]);
  return id ? (id[1] ?? id[2]) : null;
}

/** Adds <legacyDrawing r:id> at its place in the schema order (after sheetData and the rest). */
export function addLegacyDrawing(xml: string, relId: string): string {
  const root = /<((?:[\w.-]+:)?)worksheet(?=[\s/>])[^>]*>/.exec(xml);
  if (!root) throw new Error("Bladets XML saknar <worksheet>.");
  const prefix = root[1];
  const relPrefix = new RegExp(`\\sxmlns:([\\w.-]+)\\s*=\\s*["']${NS.rel.replace(/[.]/g, "\\.")}["']`).exec(
    root[0],
  )?.[1];
  const idAttr = relPrefix
    ? `${relPrefix}:id="${escapeAttr(relId)}"`
    : `xmlns:r="${NS.rel}" r:id="${escapeAttr(relId)}"`;
  const element = `<${prefix}legacyDrawing ${idAttr}/>`;
  const from = sheetDataBounds(xml).open.end;
  // Walk the top-level elements after sheetData (nested extLst elements are not ours to match).
  const tag = /<(\/?)([\w.-]+:)?([\w.-]+)[^>]*?(\/?)>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>/g;
  tag.lastIndex = from;
  let depth = 1;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    if (m[0].startsWith("<!--") || m[0].startsWith("<?")) continue;
    const closing = m[1] === "/";
    const name = m[3];
    if (closing) {
      depth--;
      if (depth === 0) return xml.slice(0, m.index) + element + xml.slice(m.index);
      continue;
    }
    if (depth === 1 && AFTER_LEGACY_DRAWING.includes(name)) {
      return xml.slice(0, m.index) + element + xml.slice(m.index);
    }
    if (m[4] !== "/") depth++;
  }
  throw new Error("Bladets XML slutar oväntat.");
}
