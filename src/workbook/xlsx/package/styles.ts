/**
 * The original styles.xml, extended but never rewritten: fonts, fills, borders, number formats
 * and cell formats (cellXfs) are only appended, so every style index the user's sheets use keeps
 * its meaning. A record equal to an existing one reuses it, which keeps the output deterministic
 * and lets a restored mark find the cell's original format again.
 */
import {
  NS,
  canonical,
  childElements,
  createLike,
  firstChild,
  parseXml,
  type Document,
  type Element,
} from "./xml";

/** styleSheet children in schema order (new lists must be inserted in this order). */
const ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];

/** The smallest valid styles part, for a package that has none. */
export const EMPTY_STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="${NS.main}"><fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

const FIRST_CUSTOM_NUMFMT = 164;
const APPLY_FILL = new Set(["applyFill"]);

export class StyleTable {
  private readonly keys = new Map<string, Map<string, number>>();
  changed = false;

  constructor(readonly doc: Document) {}

  private get root(): Element {
    return this.doc.documentElement!;
  }

  private list(name: string): Element {
    const existing = firstChild(this.root, name);
    if (existing) return existing;
    const el = this.doc.createElementNS(NS.main, name);
    const after = ORDER.slice(ORDER.indexOf(name) + 1);
    const next = childElements(this.root).find((c) => after.includes(c.localName ?? "")) ?? null;
    this.root.insertBefore(el, next);
    return el;
  }

  private items(list: string): Element[] {
    return childElements(this.list(list));
  }

  /** Index of an equal record in the list, appending a copy when there is none. */
  private intern(list: string, record: Element): number {
    let keys = this.keys.get(list);
    if (!keys) {
      keys = new Map();
      this.items(list).forEach((el, i) => {
        const k = canonical(el);
        if (!keys!.has(k)) keys!.set(k, i);
      });
      this.keys.set(list, keys);
    }
    const key = canonical(record);
    const found = keys.get(key);
    if (found !== undefined) return found;
    const container = this.list(list);
    const copy = this.doc.importNode(record, true) as Element;
    // A record parsed on its own carries its own xmlns; the styles part declares it already.
    if (copy.getAttribute("xmlns") === container.namespaceURI) copy.removeAttribute("xmlns");
    container.appendChild(copy);
    const index = childElements(container).length - 1;
    container.setAttribute("count", String(index + 1));
    keys.set(key, index);
    this.changed = true;
    return index;
  }

  font(el: Element): number {
    return this.intern("fonts", el);
  }

  fill(el: Element): number {
    return this.intern("fills", el);
  }

  border(el: Element): number {
    return this.intern("borders", el);
  }

  /** The id of a number format code: built-in ids (below 164) are kept, custom codes found or appended. */
  numFmt(id: number, code: string | null): number {
    if (id < FIRST_CUSTOM_NUMFMT || code === null) return id;
    const list = this.list("numFmts");
    let max = FIRST_CUSTOM_NUMFMT - 1;
    for (const el of childElements(list, "numFmt")) {
      const n = Number(el.getAttribute("numFmtId"));
      if (el.getAttribute("formatCode") === code) return n;
      if (Number.isFinite(n)) max = Math.max(max, n);
    }
    const el = createLike(this.doc, list, "numFmt");
    el.setAttribute("numFmtId", String(max + 1));
    el.setAttribute("formatCode", code);
    list.appendChild(el);
    list.setAttribute("count", String(childElements(list, "numFmt").length));
    this.changed = true;
    return max + 1;
  }

  xf(el: Element): number {
    return this.intern("cellXfs", el);
  }

  hasCellStyle(): boolean {
    const list = firstChild(this.root, "cellStyleXfs");
    return list !== null && childElements(list).length > 0;
  }

  cellXf(index: number): Element | null {
    return this.items("cellXfs")[index] ?? null;
  }

  /**
   * The cell format `index` with another fill: an existing equal format when there is one
   * (ignoring applyFill when the fill is none, so a restored mark finds the original format).
   */
  withFill(index: number, fill: Element): number {
    const base = this.cellXf(index) ?? this.cellXf(0);
    const xf = base
      ? (base.cloneNode(true) as Element)
      : parseXml(`<xf xmlns="${NS.main}" numFmtId="0" fontId="0" fillId="0" borderId="0"/>`, "xf")
          .documentElement!;
    const fillId = this.equalFill(fill) ?? this.fill(fill);
    xf.setAttribute("fillId", String(fillId));
    if (isNoFill(fill)) xf.removeAttribute("applyFill");
    else xf.setAttribute("applyFill", "1");
    const exact = canonical(xf);
    const loose = canonical(xf, APPLY_FILL);
    const items = this.items("cellXfs");
    const match = items.findIndex((el) => canonical(el) === exact);
    if (match >= 0) return match;
    // applyFill does not change how the cell looks: an existing format that differs only there is the cell's own.
    const near = items.findIndex((el) => canonical(el, APPLY_FILL) === loose);
    return near >= 0 ? near : this.xf(xf);
  }

  /**
   * An existing fill that looks the same: a solid fill is its foreground colour (the background
   * colour of a solid pattern is never shown), so "#FFFF00" finds the fill Excel or ExcelJS wrote.
   */
  private equalFill(fill: Element): number | null {
    const want = solidColor(fill);
    const none = isNoFill(fill);
    const fills = this.items("fills");
    for (let i = 0; i < fills.length; i++) {
      if (none ? isNoFill(fills[i]) : want !== null && solidColor(fills[i]) === want) return i;
    }
    return null;
  }
}

function solidColor(fill: Element): string | null {
  const pattern = firstChild(fill, "patternFill");
  if (!pattern || pattern.getAttribute("patternType") !== "solid") return null;
  const others = childElements(pattern).filter((c) => c.localName !== "fgColor" && c.localName !== "bgColor");
  const fg = firstChild(pattern, "fgColor");
  const rgb = fg?.getAttribute("rgb");
  if (others.length > 0 || !fg || !rgb || fg.attributes.length !== 1) return null;
  return rgb.toUpperCase();
}

function isNoFill(fill: Element): boolean {
  const pattern = firstChild(fill, "patternFill");
  return (
    pattern !== null &&
    (pattern.getAttribute("patternType") ?? "none") === "none" &&
    childElements(pattern).length === 0
  );
}

/** A solid fill of "#RRGGBB", or no fill, as a <fill> element. */
export function fillElement(hex: string | null): Element {
  const inner = hex
    ? `<patternFill patternType="solid"><fgColor rgb="FF${hex.replace("#", "").toUpperCase()}"/><bgColor indexed="64"/></patternFill>`
    : `<patternFill patternType="none"/>`;
  return parseXml(`<fill xmlns="${NS.main}">${inner}</fill>`, "fill").documentElement!;
}

/**
 * Maps the style indices of a styles part written by ExcelJS (the scratch workbook) into the
 * original one, lazily: only the formats the rendered sheets use are carried over.
 */
export class StyleImporter {
  private readonly map = new Map<number, number>();
  private readonly xfs: Element[];
  private readonly fonts: Element[];
  private readonly fills: Element[];
  private readonly borders: Element[];
  private readonly codes = new Map<number, string>();

  constructor(
    scratch: Document,
    private readonly target: StyleTable,
  ) {
    const root = scratch.documentElement!;
    const items = (name: string) => {
      const list = firstChild(root, name);
      return list ? childElements(list) : [];
    };
    this.xfs = items("cellXfs");
    this.fonts = items("fonts");
    this.fills = items("fills");
    this.borders = items("borders");
    for (const el of items("numFmts")) {
      this.codes.set(Number(el.getAttribute("numFmtId")), el.getAttribute("formatCode") ?? "");
    }
  }

  /** The original package's cellXfs index for the scratch workbook's index `s`. */
  style(s: number): number {
    const known = this.map.get(s);
    if (known !== undefined) return known;
    const source = this.xfs[s];
    if (!source) throw new Error(`Formatet ${s} saknas i det renderade bladet.`);
    const xf = source.cloneNode(true) as Element;
    const remap = (attr: string, list: Element[], add: (el: Element) => number) => {
      const id = Number(xf.getAttribute(attr) ?? "0");
      const el = list[id];
      if (el) xf.setAttribute(attr, String(add(el)));
    };
    remap("fontId", this.fonts, (el) => this.target.font(el));
    remap("fillId", this.fills, (el) => this.target.fill(el));
    remap("borderId", this.borders, (el) => this.target.border(el));
    const numFmtId = Number(xf.getAttribute("numFmtId") ?? "0");
    xf.setAttribute("numFmtId", String(this.target.numFmt(numFmtId, this.codes.get(numFmtId) ?? null)));
    // The cell style (Normal) of the original workbook, when it has cell styles at all.
    if (this.target.hasCellStyle()) xf.setAttribute("xfId", "0");
    else xf.removeAttribute("xfId");
    const index = this.target.xf(xf);
    this.map.set(s, index);
    return index;
  }
}
