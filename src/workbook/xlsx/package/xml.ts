/**
 * Small helpers over @xmldom/xmldom for the package parts we edit as a DOM (workbook.xml, rels,
 * [Content_Types].xml, styles.xml, comments). Sheet XML is patched as text instead (see
 * sheetText.ts): it can be large, and every byte outside the edited cells must stay as it was.
 */
import { DOMParser, XMLSerializer, type Document, type Element, type Node } from "@xmldom/xmldom";

export const NS = {
  main: "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
  rel: "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  pkgRel: "http://schemas.openxmlformats.org/package/2006/relationships",
  contentTypes: "http://schemas.openxmlformats.org/package/2006/content-types",
} as const;

export type { Document, Element };

export function parseXml(text: string, part: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level, message) => {
      if (level !== "warning") errors.push(message);
    },
  }).parseFromString(text, "text/xml");
  if (errors.length > 0 || !doc.documentElement) {
    throw new Error(`Delen ${part} i arbetsboken är inte giltig XML: ${errors[0] ?? "tom"}`);
  }
  return doc;
}

export function serializeXml(doc: Document): string {
  return new XMLSerializer().serializeToString(doc);
}

/** Element children, optionally only those with this local name. */
export function childElements(parent: Element | Document, localName?: string): Element[] {
  const out: Element[] = [];
  for (let n: Node | null = parent.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1 && (!localName || (n as Element).localName === localName)) out.push(n as Element);
  }
  return out;
}

export function firstChild(parent: Element | Document, localName: string): Element | null {
  return childElements(parent, localName)[0] ?? null;
}

/** The prefix the document uses for a namespace (null for the default namespace or none). */
export function prefixFor(doc: Document, ns: string): string | null | undefined {
  const root = doc.documentElement!;
  if (root.namespaceURI === ns && !root.prefix) return null;
  const attrs = root.attributes;
  for (let i = 0; i < attrs.length; i++) {
    const a = attrs.item(i)!;
    if (a.value === ns && a.name.startsWith("xmlns:")) return a.name.slice(6);
  }
  return undefined;
}

/** Sets an attribute in the relationships namespace, reusing the document's prefix (r: when none). */
export function setRelId(doc: Document, el: Element, id: string): void {
  const prefix = prefixFor(doc, NS.rel) ?? "r";
  el.setAttributeNS(NS.rel, `${prefix}:id`, id);
}

export function getRelId(el: Element): string | null {
  return el.getAttributeNS(NS.rel, "id") || null;
}

/** A new element in the same namespace and with the same prefix as `like`. */
export function createLike(doc: Document, like: Element, localName: string): Element {
  const name = like.prefix ? `${like.prefix}:${localName}` : localName;
  return doc.createElementNS(like.namespaceURI, name);
}

/**
 * A canonical form of an element (attributes sorted, whitespace-only text dropped) so two
 * equal style records compare equal however they were written.
 */
export function canonical(el: Element, skipAttributes: ReadonlySet<string> = new Set()): string {
  const attrs: string[] = [];
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes.item(i)!;
    if (a.name.startsWith("xmlns") || skipAttributes.has(a.localName ?? a.name)) continue;
    attrs.push(`${a.localName ?? a.name}=${JSON.stringify(a.value)}`);
  }
  attrs.sort();
  let inner = "";
  for (let n: Node | null = el.firstChild; n; n = n.nextSibling) {
    if (n.nodeType === 1) inner += canonical(n as Element);
    else if ((n.nodeType === 3 || n.nodeType === 4) && (n.nodeValue ?? "").trim() !== "") {
      inner += JSON.stringify(n.nodeValue);
    }
  }
  return `<${el.localName} ${attrs.join(" ")}>${inner}</>`;
}

export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function escapeAttr(text: string): string {
  return escapeText(text).replace(/"/g, "&quot;");
}
