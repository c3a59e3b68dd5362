/**
 * Notes (Excel's legacy comments) on a user's sheet: a comments part holds the text, a VML
 * drawing the box Excel shows. Existing notes of other cells stay exactly as they were; the
 * sheet gets a comments part and a VML drawing only when it has none.
 */
import { CONTENT_TYPE, REL_TYPE, resolveTarget, type ContentTypes, type OpcPackage } from "./opc";
import { addLegacyDrawing, cellAddress, legacyDrawingId, parseCellAddress } from "./sheetText";
import { NS, childElements, createLike, firstChild, parseXml, type Document, type Element } from "./xml";

export interface NoteChange {
  row: number;
  col: number;
  /** The note's new text; null removes the note. */
  text: string | null;
}

const AUTHOR = "Nämnduppföljning";
const XML_NS = "http://www.w3.org/XML/1998/namespace";

function emptyVml(idmap: number): string {
  return (
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout>` +
    SHAPETYPE +
    `</xml>`
  );
}

const SHAPETYPE =
  `<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">` +
  `<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>`;

function noteShape(id: number, row: number, col: number): string {
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:108pt;height:59.25pt;z-index:${id % 1024};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    `<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>` +
    `<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>` +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/>` +
    `<x:Anchor>${col + 1}, 15, ${row}, 10, ${col + 3}, 15, ${row + 4}, 4</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${col}</x:Column></x:ClientData></v:shape>`
  );
}

/** The VML note shape of a cell: its start and end in the drawing's text, or null. */
function findShape(vml: string, row: number, col: number): { start: number; end: number } | null {
  const re = /<v:shape\b[\s\S]*?<\/v:shape>/g;
  for (let m = re.exec(vml); m; m = re.exec(vml)) {
    const s = m[0];
    if (!/ObjectType\s*=\s*["']Note["']/.test(s)) continue;
    const r = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(s);
    const c = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(s);
    if (r && c && Number(r[1]) === row && Number(c[1]) === col)
      return { start: m.index, end: m.index + s.length };
  }
  return null;
}

async function nextIdmap(pkg: OpcPackage): Promise<number> {
  let max = 0;
  for (const path of pkg.paths().filter((p) => p.toLowerCase().endsWith(".vml"))) {
    for (const m of (await pkg.readText(path)).matchAll(/\bdata\s*=\s*["']([\d,\s]+)["']/g)) {
      for (const n of m[1].split(",")) if (n.trim()) max = Math.max(max, Number(n));
    }
  }
  return max + 1;
}

function nextShapeId(vml: string): number {
  let max = 0;
  for (const m of vml.matchAll(/_x0000_s(\d+)/g)) max = Math.max(max, Number(m[1]));
  if (max > 0) return max + 1;
  const idmap = /\bdata\s*=\s*["'](\d+)/.exec(vml);
  return (idmap ? Number(idmap[1]) : 1) * 1024 + 1;
}

function setText(doc: Document, comment: Element, text: string): void {
  for (const old of childElements(comment, "text")) comment.removeChild(old);
  const body = createLike(doc, comment, "text");
  const t = createLike(doc, comment, "t");
  t.setAttributeNS(XML_NS, "xml:space", "preserve");
  t.appendChild(doc.createTextNode(text));
  body.appendChild(t);
  comment.insertBefore(body, firstChild(comment, "commentPr"));
}

/**
 * Applies note changes to the sheet at `sheetPath` and returns its (possibly) new XML; the
 * comments part, the VML drawing and the relationships are updated in the package.
 */
export async function applyNoteChanges(
  pkg: OpcPackage,
  types: ContentTypes,
  sheetPath: string,
  sheetXml: string,
  changes: NoteChange[],
): Promise<string> {
  if (changes.length === 0) return sheetXml;
  let xml = sheetXml;
  const rels = await pkg.rels(sheetPath);
  const commentsRel = rels.list().find((r) => r.type === REL_TYPE.comments && !r.external);
  let commentsPath: string;
  if (commentsRel) commentsPath = resolveTarget(sheetPath, commentsRel.target);
  else {
    commentsPath = pkg.freeName(resolveTarget(sheetPath, "../comments#.xml"));
    const empty = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${NS.main}"><authors/><commentList/></comments>`;
    pkg.setXml(commentsPath, parseXml(empty, commentsPath));
    types.set(commentsPath, CONTENT_TYPE.comments);
    rels.add(REL_TYPE.comments, commentsPath);
  }
  const vmlId = legacyDrawingId(xml);
  const vmlRel = vmlId ? rels.byId(vmlId) : undefined;
  let vmlPath: string;
  let vml: string;
  if (vmlRel && !vmlRel.external && pkg.has(resolveTarget(sheetPath, vmlRel.target))) {
    vmlPath = resolveTarget(sheetPath, vmlRel.target);
    vml = await pkg.readText(vmlPath);
  } else {
    if (vmlId) throw new Error(`Bladets ritning (${vmlId}) saknas i arbetsboken.`);
    vmlPath = pkg.freeName(resolveTarget(sheetPath, "../drawings/vmlDrawing#.vml"));
    vml = emptyVml(await nextIdmap(pkg));
    types.set(vmlPath, CONTENT_TYPE.vml);
    xml = addLegacyDrawing(xml, rels.add(REL_TYPE.vmlDrawing, vmlPath));
  }
  const originalVml = vmlRel ? vml : null;
  if (!/_x0000_t202/.test(vml)) vml = vml.replace(/<\/xml>\s*$/, `${SHAPETYPE}</xml>`);

  const doc = await pkg.xml(commentsPath);
  const root = doc.documentElement!;
  let authors = firstChild(root, "authors");
  if (!authors) {
    authors = createLike(doc, root, "authors");
    root.insertBefore(authors, root.firstChild);
  }
  let found = firstChild(root, "commentList");
  if (!found) {
    found = createLike(doc, root, "commentList");
    root.insertBefore(found, authors.nextSibling);
  }
  const list: Element = found;
  const authorList: Element = authors;
  const commentAt = (row: number, col: number) =>
    childElements(list, "comment").find((c) => {
      const p = parseCellAddress(c.getAttribute("ref") ?? "");
      return p !== null && p.row === row && p.col === col;
    }) ?? null;
  const authorId = () => {
    const names = childElements(authorList, "author");
    const i = names.findIndex((a) => a.textContent === AUTHOR);
    if (i >= 0) return i;
    const a = createLike(doc, authorList, "author");
    a.appendChild(doc.createTextNode(AUTHOR));
    authorList.appendChild(a);
    return names.length;
  };

  for (const change of [...changes].sort((a, b) => a.row - b.row || a.col - b.col)) {
    const existing = commentAt(change.row, change.col);
    if (change.text === null) {
      if (existing) list.removeChild(existing);
      const shape = findShape(vml, change.row, change.col);
      if (shape) vml = vml.slice(0, shape.start) + vml.slice(shape.end);
      continue;
    }
    if (existing) {
      setText(doc, existing, change.text);
    } else {
      const comment = createLike(doc, list, "comment");
      comment.setAttribute("ref", cellAddress(change.row, change.col));
      comment.setAttribute("authorId", String(authorId()));
      setText(doc, comment, change.text);
      // Keep the list in reading order, as Excel writes it.
      const next =
        childElements(list, "comment").find((c) => {
          const p = parseCellAddress(c.getAttribute("ref") ?? "");
          return p !== null && (p.row > change.row || (p.row === change.row && p.col > change.col));
        }) ?? null;
      list.insertBefore(comment, next);
    }
    if (!findShape(vml, change.row, change.col)) {
      const shape = noteShape(nextShapeId(vml), change.row, change.col);
      const end = vml.lastIndexOf("</xml>");
      if (end < 0) throw new Error(`Ritningen ${vmlPath} är inte en VML-ritning.`);
      vml = vml.slice(0, end) + shape + vml.slice(end);
    }
  }
  pkg.touch(commentsPath);
  if (vml !== originalVml) pkg.writeText(vmlPath, vml);
  return xml;
}
