/**
 * Comparing two OOXML packages part by part: which parts are byte-identical, and for the parts
 * that may change (the ones listing sheets, styles and relationships) whether they only gained
 * entries: every element of the original still there, in order, with its attributes.
 */
import JSZip from "jszip";
import { DOMParser, type Element, type Node } from "@xmldom/xmldom";

export async function partsOf(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, Uint8Array>();
  for (const name of Object.keys(zip.files).sort()) {
    if (!zip.files[name].dir) out.set(name, await zip.files[name].async("uint8array"));
  }
  return out;
}

export const text = (data: Uint8Array | undefined): string => new TextDecoder().decode(data);

export function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return a !== undefined && b !== undefined && Buffer.from(a).equals(Buffer.from(b));
}

function parse(xml: string): Element {
  return new DOMParser().parseFromString(xml, "text/xml").documentElement!;
}

function elements(el: Element): Element[] {
  const out: Element[] = [];
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n as Element);
  return out;
}

function ownText(el: Element): string {
  let t = "";
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 3 || n.nodeType === 4) t += n.nodeValue ?? "";
  }
  return t.trim();
}

/** Attributes that count entries and so change whenever an entry is added. */
const COUNTS = new Set(["count", "uniqueCount"]);

/** Problems with `out` as a superset of `orig` (empty: every original element is still there). */
function covers(orig: Element, out: Element, path: string, ignore: Set<string>): string[] {
  if (orig.localName !== out.localName || orig.namespaceURI !== out.namespaceURI) {
    return [`${path}: <${orig.localName}> became <${out.localName}>`];
  }
  const problems: string[] = [];
  for (let i = 0; i < orig.attributes.length; i++) {
    const a = orig.attributes.item(i)!;
    if (a.name.startsWith("xmlns") || COUNTS.has(a.localName ?? "") || ignore.has(a.localName ?? ""))
      continue;
    const v = a.namespaceURI ? out.getAttributeNS(a.namespaceURI, a.localName!) : out.getAttribute(a.name);
    if (v !== a.value) problems.push(`${path}/@${a.name}: "${a.value}" became "${v}"`);
  }
  if (ownText(orig) !== ownText(out))
    problems.push(`${path}: text "${ownText(orig)}" became "${ownText(out)}"`);
  const outChildren = elements(out);
  let j = 0;
  for (const child of elements(orig)) {
    const here = `${path}/${child.localName}`;
    let found = false;
    while (j < outChildren.length) {
      const candidate = outChildren[j++];
      if (covers(child, candidate, here, ignore).length === 0) {
        found = true;
        break;
      }
    }
    if (!found) {
      problems.push(`${here}: missing (${child.toString().slice(0, 160)})`);
      break;
    }
  }
  return problems;
}

/** Every element of the original XML is in the output, in order, unchanged (entries may be added). */
export function gainsOnly(orig: string, out: string, ignoreAttributes: string[] = []): string[] {
  return covers(parse(orig), parse(out), "", new Set(ignoreAttributes));
}

export interface CellXml {
  s: string | null;
  /** The cell without its style: value, type, formula. */
  rest: string;
}

/** The cells of a worksheet by address. */
export function cellsOf(sheetXml: string): Map<string, CellXml> {
  const root = parse(sheetXml);
  const out = new Map<string, CellXml>();
  const data = elements(root).find((e) => e.localName === "sheetData")!;
  for (const row of elements(data)) {
    for (const c of elements(row)) {
      const s = c.getAttribute("s");
      c.removeAttribute("s");
      const rest = c.toString().replace(/\s+xmlns(:\w+)?="[^"]*"/g, "");
      out.set(c.getAttribute("r")!, { s: s && s !== "0" ? s : null, rest });
    }
  }
  return out;
}

/** The worksheet without sheetData and dimension (to compare everything around the cells). */
export function sheetFrame(sheetXml: string): string {
  return sheetXml
    .replace(/<sheetData[\s\S]*?<\/sheetData>|<sheetData\/>/, "<sheetData/>")
    .replace(/<dimension[^>]*\/>/, "");
}
