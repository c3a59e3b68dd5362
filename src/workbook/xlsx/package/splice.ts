/**
 * Writes a loaded workbook back as its ORIGINAL package with only the add-in's changes spliced
 * in (docs/decisions/0007-lossless-xlsx.md). The sheets the add-in wrote are rendered by ExcelJS
 * in a scratch workbook and moved over: their parts are added, their styles appended to the
 * original styles.xml, their strings made inline. Deleted sheets leave with the parts only they
 * used. Marked cells of a user's sheet change their style index and notes, nothing else. Every
 * other part — charts, pivot tables, VBA, custom XML, whatever ExcelJS does not understand — is
 * copied untouched.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { SheetVisibility } from "../../port";
import { applyNoteChanges, type NoteChange } from "./notes";
import {
  CONTENT_TYPE,
  ContentTypes,
  OpcPackage,
  REL_TYPE,
  Relationships,
  dirOf,
  relsPathOf,
  resolveTarget,
} from "./opc";
import { adaptRenderedSheet, patchCellStyles, sharedStringItems, type StylePatch } from "./sheetText";
import { EMPTY_STYLES, StyleImporter, StyleTable, fillElement } from "./styles";
import {
  NS,
  childElements,
  createLike,
  firstChild,
  getRelId,
  parseXml,
  setRelId,
  type Document,
  type Element,
} from "./xml";

/** A sheet the add-in wrote, as the in-memory ExcelJS model holds it. */
export interface RenderedSheet {
  name: string;
  state: SheetVisibility;
  model: ExcelJS.WorksheetModel;
}

/** A marked cell whose fill or note differs from what the original package has. */
export interface CellChange {
  row: number;
  col: number;
  /** undefined: the fill is as it was; else the new solid fill ("#RRGGBB") or none. */
  fill?: string | null;
  /** undefined: the note is as it was; else the new text or null (no note). */
  note?: string | null;
}

export type SheetFate =
  { kind: "keep"; changes: CellChange[] } | { kind: "delete" } | { kind: "replace"; sheet: RenderedSheet };

export interface SplicePlan {
  /** What happens to each of the original package's sheets, by name (absent: kept as is). */
  originals: Map<string, SheetFate>;
  /** New sheets, appended after the original ones in this order. */
  added: RenderedSheet[];
}

/** Children of <workbook> that come after <definedNames> (schema order). */
const AFTER_DEFINED_NAMES = [
  "calcPr",
  "oleSize",
  "customWorkbookViews",
  "pivotCaches",
  "smartTagPr",
  "smartTagTypes",
  "webPublishing",
  "fileRecoveryPr",
  "webPublishObjects",
  "extLst",
];

interface SheetEntry {
  el: Element;
  name: string;
  relId: string;
  path: string | null;
}

interface ScratchSheet {
  xml: string;
  /** Parts the sheet refers to (comments, VML), with their relationship. */
  related: {
    id: string;
    type: string;
    data: Uint8Array;
    contentType: string;
    /** The target relative to the sheet, as ExcelJS wrote it ("../comments1.xml"). */
    name: string;
    external: string | null;
  }[];
  definedNames: Element[];
}

interface Scratch {
  sheets: ScratchSheet[];
  styles: Document;
  shared: string[];
}

/** Renders the sheets with ExcelJS alone, in one scratch workbook, and takes the parts apart. */
async function renderScratch(sheets: RenderedSheet[]): Promise<Scratch> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    // A copy: ExcelJS's writer annotates the models it is given.
    ws.model = { ...structuredClone(s.model), id: ws.id, name: s.name } as ExcelJS.WorksheetModel;
    ws.state = s.state;
  }
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const text = async (path: string) => (zip.file(path) ? zip.file(path)!.async("string") : "");
  const types = parseXml(await text("[Content_Types].xml"), "[Content_Types].xml");
  const typeOf = (path: string) => {
    for (const el of childElements(types.documentElement!, "Override")) {
      if (el.getAttribute("PartName") === `/${path}`) return el.getAttribute("ContentType") ?? "";
    }
    const ext = path.slice(path.lastIndexOf(".") + 1);
    const def = childElements(types.documentElement!, "Default").find(
      (el) => el.getAttribute("Extension") === ext,
    );
    return def?.getAttribute("ContentType") ?? "application/xml";
  };
  const workbook = parseXml(await text("xl/workbook.xml"), "xl/workbook.xml");
  const wbRels = new Relationships(
    parseXml(await text("xl/_rels/workbook.xml.rels"), "rels"),
    "xl/workbook.xml",
  );
  const names = firstChild(workbook.documentElement!, "definedNames");
  const entries = childElements(firstChild(workbook.documentElement!, "sheets")!, "sheet");
  const out: ScratchSheet[] = [];
  for (let i = 0; i < entries.length; i++) {
    const rel = wbRels.byId(getRelId(entries[i]) ?? "")!;
    const path = resolveTarget("xl/workbook.xml", rel.target);
    const related: ScratchSheet["related"] = [];
    if (zip.file(relsPathOf(path))) {
      const rels = new Relationships(parseXml(await text(relsPathOf(path)), "rels"), path);
      for (const r of rels.list()) {
        if (r.external) {
          related.push({
            id: r.id,
            type: r.type,
            data: new Uint8Array(),
            contentType: "",
            name: "",
            external: r.target,
          });
          continue;
        }
        const target = resolveTarget(path, r.target);
        if (zip.file(relsPathOf(target)))
          throw new Error(`Den renderade delen ${target} har egna relationer.`);
        related.push({
          id: r.id,
          type: r.type,
          data: await zip.file(target)!.async("uint8array"),
          contentType: typeOf(target),
          name: r.target,
          external: null,
        });
      }
    }
    out.push({
      xml: await text(path),
      related,
      definedNames: names
        ? childElements(names, "definedName").filter((n) => n.getAttribute("localSheetId") === String(i))
        : [],
    });
  }
  return {
    sheets: out,
    styles: parseXml((await text("xl/styles.xml")) || EMPTY_STYLES, "xl/styles.xml"),
    shared: sharedStringItems(await text("xl/sharedStrings.xml")),
  };
}

/** Removes a part with its relationships, then every part it referred to that nothing else refers to. */
async function removePart(pkg: OpcPackage, types: ContentTypes, path: string): Promise<void> {
  if (!pkg.has(path)) return;
  const rels = pkg.has(relsPathOf(path)) ? await pkg.rels(path) : null;
  const targets = rels ? rels.internalTargets() : [];
  pkg.remove(path);
  pkg.remove(relsPathOf(path));
  types.removeOverride(path);
  await collect(pkg, types, targets);
}

/** Removes the parts among `targets` that no relationship in the package refers to any more. */
async function collect(pkg: OpcPackage, types: ContentTypes, targets: string[]): Promise<void> {
  if (targets.length === 0) return;
  const referenced = new Set<string>();
  for (const relsPath of pkg.paths().filter((p) => p.toLowerCase().endsWith(".rels"))) {
    const source = sourceOfRels(relsPath);
    for (const t of (await pkg.rels(source)).internalTargets()) referenced.add(t.toLowerCase());
  }
  for (const t of targets) {
    if (!referenced.has(t.toLowerCase())) await removePart(pkg, types, t);
  }
}

function sourceOfRels(relsPath: string): string {
  const dir = dirOf(dirOf(relsPath));
  const base = relsPath.slice(relsPath.lastIndexOf("/") + 1).replace(/\.rels$/i, "");
  return dir ? `${dir}/${base}` : base;
}

export async function splicePackage(original: Uint8Array, plan: SplicePlan): Promise<Uint8Array> {
  const pkg = await OpcPackage.load(original);
  const types = await ContentTypes.load(pkg);
  const rootRels = await pkg.rels("");
  const main = rootRels.list().find((r) => r.type === REL_TYPE.officeDocument);
  if (!main) throw new Error("Arbetsboken saknar huvuddel (workbook.xml).");
  const wbPath = resolveTarget("", main.target);
  const wb = await pkg.xml(wbPath);
  const wbRoot = wb.documentElement!;
  if (wbRoot.namespaceURI !== NS.main) {
    throw new Error(
      "Arbetsboken är sparad i formatet Strict Open XML, som inte kan skrivas; spara den som vanlig .xlsx.",
    );
  }
  const wbRels = await pkg.rels(wbPath);
  const sheetsEl = firstChild(wbRoot, "sheets");
  if (!sheetsEl) throw new Error("Arbetsboken saknar listan över blad.");
  const entries: SheetEntry[] = childElements(sheetsEl, "sheet").map((el) => {
    const relId = getRelId(el) ?? "";
    const rel = wbRels.byId(relId);
    return {
      el,
      name: el.getAttribute("name") ?? "",
      relId,
      path: rel && !rel.external ? resolveTarget(wbPath, rel.target) : null,
    };
  });

  const rendered = [
    ...entries.flatMap((e) => {
      const fate = plan.originals.get(e.name);
      return fate?.kind === "replace" ? [fate.sheet] : [];
    }),
    ...plan.added,
  ];
  const scratch = rendered.length > 0 ? await renderScratch(rendered) : null;

  // Styles: loaded only when something needs a new format.
  let styles: StyleTable | null = null;
  let stylesPath: string | null = null;
  const styleTable = async (): Promise<StyleTable> => {
    if (styles) return styles;
    const rel = wbRels.list().find((r) => r.type === REL_TYPE.styles && !r.external);
    if (rel && pkg.has(resolveTarget(wbPath, rel.target))) {
      stylesPath = resolveTarget(wbPath, rel.target);
    } else {
      stylesPath = pkg.freeName(`${dirOf(wbPath) ? `${dirOf(wbPath)}/` : ""}styles#.xml`);
      pkg.setXml(stylesPath, parseXml(EMPTY_STYLES, stylesPath));
      types.set(stylesPath, CONTENT_TYPE.styles);
      wbRels.add(REL_TYPE.styles, stylesPath);
    }
    styles = new StyleTable(await pkg.xml(stylesPath));
    return styles;
  };
  const importer = scratch ? new StyleImporter(scratch.styles, await styleTable()) : null;
  let renderIndex = 0;
  const nextRendered = () => scratch!.sheets[renderIndex++];

  /** Writes a rendered sheet into `path` (new or replaced) with its related parts. */
  const writeRendered = async (path: string, sheet: ScratchSheet) => {
    const xml = adaptRenderedSheet(sheet.xml, scratch!.shared, (s) => importer!.style(s));
    const rels = await pkg.rels(path);
    const ids = new Map<string, string>();
    for (const r of sheet.related) {
      if (r.external !== null) {
        const id = rels.add(r.type, r.external);
        const el = childElements(rels.doc.documentElement!, "Relationship").find(
          (e) => e.getAttribute("Id") === id,
        )!;
        el.setAttribute("Target", r.external);
        el.setAttribute("TargetMode", "External");
        ids.set(r.id, id);
        continue;
      }
      // The same folder and name as ExcelJS chose, numbered to be free in this package.
      const dir = r.name.slice(0, r.name.lastIndexOf("/") + 1);
      const stem = r.name.slice(dir.length).replace(/\d*(\.[^.]+)$/, "#$1");
      const target = pkg.freeName(resolveTarget(path, dir + stem));
      pkg.writeBytes(target, r.contentType === CONTENT_TYPE.vml ? await renumberVml(pkg, r.data) : r.data);
      types.set(target, r.contentType);
      ids.set(r.id, rels.add(r.type, target));
    }
    // The sheet refers to its parts by relationship id: follow the ids they got here.
    pkg.writeText(
      path,
      xml.replace(/(\s[\w.-]+:id=")([^"]*)(")/g, (m, a: string, id: string, b: string) =>
        ids.has(id) ? `${a}${ids.get(id)}${b}` : m,
      ),
    );
    types.set(path, CONTENT_TYPE.worksheet);
  };

  const finalEntries: SheetEntry[] = [];
  const oldIndex = new Map<SheetEntry, number>();
  entries.forEach((e, i) => oldIndex.set(e, i));
  const replaced = new Set<SheetEntry>();
  let structural = false;

  for (const entry of entries) {
    const fate = plan.originals.get(entry.name) ?? { kind: "keep", changes: [] };
    if (fate.kind === "delete") {
      structural = true;
      sheetsEl.removeChild(entry.el);
      wbRels.remove(entry.relId);
      if (entry.path) await removePart(pkg, types, entry.path);
      continue;
    }
    finalEntries.push(entry);
    if (fate.kind === "replace") {
      if (!entry.path) throw new Error(`Bladet "${entry.name}" kan inte ersättas.`);
      structural = true;
      replaced.add(entry);
      const old = pkg.has(relsPathOf(entry.path)) ? (await pkg.rels(entry.path)).internalTargets() : [];
      pkg.remove(relsPathOf(entry.path));
      await collect(pkg, types, old);
      await writeRendered(entry.path, nextRendered());
      setState(entry.el, fate.sheet.state);
      if (entry.el.getAttribute("name") !== fate.sheet.name) entry.el.setAttribute("name", fate.sheet.name);
    } else if (fate.changes.length > 0) {
      if (!entry.path) throw new Error(`Bladet "${entry.name}" kan inte markeras.`);
      await markSheet(pkg, types, entry.path, fate.changes, await styleTable());
    }
  }

  let sheetId = entries.reduce((max, e) => Math.max(max, Number(e.el.getAttribute("sheetId")) || 0), 0);
  for (const sheet of plan.added) {
    const path = pkg.freeName(`${dirOf(wbPath) ? `${dirOf(wbPath)}/` : ""}worksheets/sheet#.xml`);
    await writeRendered(path, nextRendered());
    const relId = wbRels.add(REL_TYPE.worksheet, path);
    const el = createLike(wb, sheetsEl, "sheet");
    el.setAttribute("name", sheet.name);
    el.setAttribute("sheetId", String(++sheetId));
    setState(el, sheet.state);
    setRelId(wb, el, relId);
    sheetsEl.appendChild(el);
    finalEntries.push({ el, name: sheet.name, relId, path });
  }

  fixDefinedNames(wb, entries, finalEntries, replaced, scratch, rendered.length);
  fixBookViews(wbRoot, entries, finalEntries);
  if (structural) await dropCalcChain(pkg, types, wbPath, wbRels);
  if (rendered.length > 0 || structural) pkg.touch(wbPath);
  if (styles && (styles as StyleTable).changed) pkg.touch(stylesPath!);
  return pkg.toBytes();

  function setState(el: Element, state: SheetVisibility) {
    const current = el.getAttribute("state") || "visible";
    if (current === state) return;
    if (state === "visible") el.removeAttribute("state");
    else el.setAttribute("state", state);
  }
}

/** Sheet-scoped names follow their sheet's new index; a deleted or replaced sheet's names go. */
function fixDefinedNames(
  wb: Document,
  entries: SheetEntry[],
  finalEntries: SheetEntry[],
  replaced: Set<SheetEntry>,
  scratch: Scratch | null,
  renderedCount: number,
): void {
  const root = wb.documentElement!;
  let names = firstChild(root, "definedNames");
  if (names) {
    for (const n of childElements(names, "definedName")) {
      const local = n.getAttribute("localSheetId");
      if (local === null) continue;
      const entry = entries[Number(local)];
      const index = entry ? finalEntries.indexOf(entry) : -1;
      if (index < 0 || replaced.has(entry)) names.removeChild(n);
      else if (index !== Number(local)) n.setAttribute("localSheetId", String(index));
    }
  }
  if (!scratch || renderedCount === 0) return;
  // The rendered sheets in scratch order: the replaced ones (in sheet order), then the added ones.
  const renderedEntries = [
    ...finalEntries.filter((e) => replaced.has(e)),
    ...finalEntries.filter((e) => !entries.includes(e)),
  ];
  renderedEntries.forEach((entry, i) => {
    for (const n of scratch.sheets[i].definedNames) {
      if (!names) {
        names = createLike(wb, root, "definedNames");
        const next = childElements(root).find((c) => AFTER_DEFINED_NAMES.includes(c.localName ?? "")) ?? null;
        root.insertBefore(names, next);
      }
      const copy = wb.importNode(n, true) as Element;
      copy.setAttribute("localSheetId", String(finalEntries.indexOf(entry)));
      names.appendChild(copy);
    }
  });
  if (names && childElements(names).length === 0) root.removeChild(names);
}

/** The active tab stays on the same sheet (the first one when that sheet is gone). */
function fixBookViews(root: Element, entries: SheetEntry[], finalEntries: SheetEntry[]): void {
  const views = firstChild(root, "bookViews");
  if (!views) return;
  for (const view of childElements(views, "workbookView")) {
    for (const attr of ["activeTab", "firstSheet"]) {
      const value = view.getAttribute(attr);
      if (value === null) continue;
      const entry = entries[Number(value)];
      const index = entry ? Math.max(0, finalEntries.indexOf(entry)) : 0;
      if (index !== Number(value)) view.setAttribute(attr, String(index));
    }
  }
}

/** The calculation chain lists formula cells by sheet; Excel rebuilds it when it is missing. */
async function dropCalcChain(pkg: OpcPackage, types: ContentTypes, wbPath: string, wbRels: Relationships) {
  for (const r of wbRels.list()) {
    if (r.type !== REL_TYPE.calcChain || r.external) continue;
    wbRels.remove(r.id);
    await removePart(pkg, types, resolveTarget(wbPath, r.target));
  }
}

/** A VML drawing from the scratch workbook gets an id block no other drawing in the package uses. */
async function renumberVml(pkg: OpcPackage, data: Uint8Array): Promise<Uint8Array> {
  let max = 0;
  for (const path of pkg.paths().filter((p) => p.toLowerCase().endsWith(".vml"))) {
    for (const m of (await pkg.readText(path)).matchAll(/\bdata\s*=\s*["']([\d,\s]+)["']/g)) {
      for (const n of m[1].split(",")) if (n.trim()) max = Math.max(max, Number(n));
    }
  }
  const block = max + 1;
  let vml = new TextDecoder().decode(data);
  const current = /\bdata\s*=\s*["'](\d+)["']/.exec(vml);
  const from = current ? Number(current[1]) : 1;
  vml = vml.replace(/(\bdata\s*=\s*["'])\d+(["'])/, `$1${block}$2`);
  vml = vml.replace(/_x0000_s(\d+)/g, (_m, n: string) => `_x0000_s${Number(n) - from * 1024 + block * 1024}`);
  return new TextEncoder().encode(vml);
}

/** Applies fills (as new cell formats) and notes to a user's sheet, touching nothing else. */
async function markSheet(
  pkg: OpcPackage,
  types: ContentTypes,
  path: string,
  changes: CellChange[],
  styles: StyleTable,
): Promise<void> {
  let xml = await pkg.readText(path);
  const patches: StylePatch[] = changes
    .filter((c) => c.fill !== undefined)
    .map((c) => ({
      row: c.row,
      col: c.col,
      style: (current) => styles.withFill(current, fillElement(c.fill!)),
    }));
  xml = patchCellStyles(xml, patches);
  const notes: NoteChange[] = changes
    .filter((c) => c.note !== undefined)
    .map((c) => ({ row: c.row, col: c.col, text: c.note ?? null }));
  xml = await applyNoteChanges(pkg, types, path, xml, notes);
  pkg.writeText(path, xml);
}
