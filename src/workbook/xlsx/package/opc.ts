/**
 * The OOXML package (a zip of parts with relationships and content types) as the splice needs
 * it: parts are read on demand, untouched parts are written back as they were (JSZip reuses
 * their compressed bytes), and the XML parts we edit are kept as DOMs until the end.
 */
import JSZip from "jszip";
import { NS, childElements, parseXml, serializeXml, type Document, type Element } from "./xml";

export const REL_TYPE = {
  officeDocument: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument",
  worksheet: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet",
  styles: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles",
  comments: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments",
  vmlDrawing: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing",
  calcChain: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain",
} as const;

export const CONTENT_TYPE = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
} as const;

/** Every part we add or change gets this date, so equal inputs give equal bytes. */
const FIXED_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** Directory of a part path ("xl/worksheets/sheet1.xml" → "xl/worksheets"). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

export function relsPathOf(part: string): string {
  const dir = dirOf(part);
  const base = part.slice(dir.length ? dir.length + 1 : 0);
  return `${dir ? `${dir}/` : ""}_rels/${base}.rels`;
}

/** Resolves a relationship target against its source part into a package path (no leading slash). */
export function resolveTarget(source: string, target: string): string {
  let t = target;
  try {
    t = decodeURI(target);
  } catch {
    // Keep the raw target: an undecodable one is still a name.
  }
  const parts = t.startsWith("/") ? [] : dirOf(source).split("/").filter(Boolean);
  for (const seg of t.replace(/^\//, "").split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

/** A relative target from one part to another (both package paths). */
export function relativeTarget(source: string, target: string): string {
  const from = dirOf(source).split("/").filter(Boolean);
  const to = target.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

export class Relationships {
  constructor(
    readonly doc: Document,
    readonly source: string,
    /** Called after every edit: registers the rels part with the package. */
    private readonly changed: () => void = () => undefined,
  ) {}

  private get root(): Element {
    return this.doc.documentElement!;
  }

  list(): Relationship[] {
    return childElements(this.root, "Relationship").map((el) => ({
      id: el.getAttribute("Id") ?? "",
      type: el.getAttribute("Type") ?? "",
      target: el.getAttribute("Target") ?? "",
      external: el.getAttribute("TargetMode") === "External",
    }));
  }

  byId(id: string): Relationship | undefined {
    return this.list().find((r) => r.id === id);
  }

  /** Package paths of the internal targets. */
  internalTargets(): string[] {
    return this.list()
      .filter((r) => !r.external)
      .map((r) => resolveTarget(this.source, r.target));
  }

  /** Adds a relationship with a fresh id (rIdN, N one past the highest in use) and returns the id. */
  add(type: string, targetPath: string): string {
    const used = new Set(this.list().map((r) => r.id));
    let n = 1;
    for (const id of used) {
      const m = /^rId(\d+)$/.exec(id);
      if (m) n = Math.max(n, Number(m[1]) + 1);
    }
    while (used.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const el = this.doc.createElementNS(NS.pkgRel, "Relationship");
    el.setAttribute("Id", id);
    el.setAttribute("Type", type);
    el.setAttribute("Target", relativeTarget(this.source, targetPath));
    this.root.appendChild(el);
    this.changed();
    return id;
  }

  remove(id: string): void {
    for (const el of childElements(this.root, "Relationship")) {
      if (el.getAttribute("Id") === id) {
        this.root.removeChild(el);
        this.changed();
      }
    }
  }
}

export class OpcPackage {
  private readonly docs = new Map<string, Document>();
  private readonly dirty = new Set<string>();
  /** Lower-cased path → the zip's own spelling (part names are case-insensitive in OPC). */
  private readonly names = new Map<string, string>();

  private constructor(private readonly zip: JSZip) {
    for (const name of Object.keys(zip.files)) {
      if (!zip.files[name].dir) this.names.set(name.toLowerCase(), name);
    }
  }

  static async load(bytes: Uint8Array): Promise<OpcPackage> {
    return new OpcPackage(await JSZip.loadAsync(bytes));
  }

  /** The zip entry name of a part, or null when the package has no such part. */
  find(path: string): string | null {
    return this.names.get(path.toLowerCase()) ?? null;
  }

  has(path: string): boolean {
    return this.find(path) !== null;
  }

  paths(): string[] {
    return [...this.names.values()];
  }

  async readText(path: string): Promise<string> {
    const name = this.find(path);
    if (!name) throw new Error(`Delen ${path} saknas i arbetsboken.`);
    return this.zip.file(name)!.async("string");
  }

  async readBytes(path: string): Promise<Uint8Array> {
    const name = this.find(path);
    if (!name) throw new Error(`Delen ${path} saknas i arbetsboken.`);
    return this.zip.file(name)!.async("uint8array");
  }

  writeText(path: string, text: string): void {
    this.docs.delete((this.find(path) ?? path).toLowerCase());
    this.put(path, text);
  }

  writeBytes(path: string, data: Uint8Array): void {
    this.put(path, data);
  }

  private put(path: string, data: string | Uint8Array): void {
    const name = this.find(path) ?? path;
    this.zip.file(name, data, { date: FIXED_DATE, createFolders: false });
    this.names.set(name.toLowerCase(), name);
  }

  remove(path: string): void {
    const name = this.find(path);
    if (!name) return;
    this.zip.remove(name);
    this.names.delete(name.toLowerCase());
    this.docs.delete(name.toLowerCase());
  }

  /** The part as a DOM, parsed once; edits to it are written back by toBytes. */
  async xml(path: string): Promise<Document> {
    const key = (this.find(path) ?? path).toLowerCase();
    let doc = this.docs.get(key);
    if (!doc) {
      doc = parseXml(await this.readText(path), path);
      this.docs.set(key, doc);
    }
    return doc;
  }

  /** Marks a DOM part as edited (only edited DOMs are serialized back). */
  touch(path: string): void {
    this.dirty.add((this.find(path) ?? path).toLowerCase());
  }

  /** Adopts a new XML part given as a DOM. */
  setXml(path: string, doc: Document): void {
    if (!this.find(path)) this.put(path, "");
    const key = this.find(path)!.toLowerCase();
    this.docs.set(key, doc);
    this.dirty.add(key);
  }

  /** The part's relationships; a part without a rels part gets one only when one is added. */
  async rels(source: string): Promise<Relationships> {
    const path = relsPathOf(source);
    const key = path.toLowerCase();
    let doc: Document;
    if (this.has(path) || this.docs.has(key)) doc = await this.xml(path);
    else {
      const empty = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}"/>`;
      doc = parseXml(empty, path);
      this.docs.set(key, doc);
    }
    return new Relationships(doc, source, () => this.setXml(path, doc));
  }

  /** A free part name in the folder of `pattern` ("xl/comments#.xml": the lowest unused number). */
  freeName(pattern: string): string {
    for (let n = 1; ; n++) {
      const path = pattern.replace("#", String(n));
      if (!this.has(path)) return path;
    }
  }

  async toBytes(): Promise<Uint8Array> {
    for (const key of this.dirty) {
      const doc = this.docs.get(key);
      const name = this.names.get(key);
      if (doc && name) this.put(name, serializeXml(doc));
    }
    return this.zip.generateAsync({
      type: "uint8array",
      compression: "DEFLATE",
      compressionOptions: { level: 6 },
    });
  }
}

/** [Content_Types].xml: one content type per part, by Override or by the extension's Default. */
export class ContentTypes {
  static readonly PATH = "[Content_Types].xml";

  private constructor(
    private readonly pkg: OpcPackage,
    private readonly doc: Document,
  ) {}

  static async load(pkg: OpcPackage): Promise<ContentTypes> {
    return new ContentTypes(pkg, await pkg.xml(ContentTypes.PATH));
  }

  private get root(): Element {
    return this.doc.documentElement!;
  }

  typeOf(path: string): string | null {
    const partName = `/${path}`.toLowerCase();
    for (const el of childElements(this.root, "Override")) {
      if ((el.getAttribute("PartName") ?? "").toLowerCase() === partName)
        return el.getAttribute("ContentType");
    }
    const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
    for (const el of childElements(this.root, "Default")) {
      if ((el.getAttribute("Extension") ?? "").toLowerCase() === ext) return el.getAttribute("ContentType");
    }
    return null;
  }

  /** Gives the part this content type: nothing when the extension's Default already does, else an Override. */
  set(path: string, type: string): void {
    if (this.typeOf(path) === type) return;
    this.removeOverride(path);
    const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
    const hasDefault = childElements(this.root, "Default").some(
      (el) => (el.getAttribute("Extension") ?? "").toLowerCase() === ext,
    );
    if (!hasDefault && type === CONTENT_TYPE.vml) {
      const el = this.doc.createElementNS(NS.contentTypes, "Default");
      el.setAttribute("Extension", ext);
      el.setAttribute("ContentType", type);
      // Defaults come before Overrides.
      const firstOverride = childElements(this.root, "Override")[0] ?? null;
      this.root.insertBefore(el, firstOverride);
    } else {
      const el = this.doc.createElementNS(NS.contentTypes, "Override");
      el.setAttribute("PartName", `/${path}`);
      el.setAttribute("ContentType", type);
      this.root.appendChild(el);
    }
    this.pkg.touch(ContentTypes.PATH);
  }

  removeOverride(path: string): void {
    const partName = `/${path}`.toLowerCase();
    for (const el of childElements(this.root, "Override")) {
      if ((el.getAttribute("PartName") ?? "").toLowerCase() === partName) {
        this.root.removeChild(el);
        this.pkg.touch(ContentTypes.PATH);
      }
    }
  }
}
