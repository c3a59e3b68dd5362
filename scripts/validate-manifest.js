#!/usr/bin/env node
/**
 * Offline manifest validation (the official `office-addin-manifest validate` calls a web service;
 * it stays available as `npm run validate:online`).
 *
 *   node scripts/validate-manifest.js [manifest.xml] [--assets DIR] [--origin URL] [--no-xsd]
 *
 * Two layers, both must pass:
 *   1. XSD: `xmllint --schema schemas/officeapp-1.1.xsd` (element order, required children,
 *      xsi:types, enumerations, length limits). Skipped with a warning when xmllint is missing,
 *      unless REQUIRE_XMLLINT=1 (set in CI).
 *   2. Structure (here): every resid exists in the right Resources list, control types and actions
 *      are known and have the right children, every icon URL maps to a file in assets/, every URL
 *      starts with the dev-server origin, ids and FunctionNames are unique.
 * Exit code 0 when valid, 1 with one line per problem otherwise.
 */
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { DOMParser } = require("@xmldom/xmldom");

const ROOT = path.resolve(__dirname, "..");
const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
};
const DEFAULT_ORIGIN = "https://localhost:3000";
const CONTROL_TYPES = new Set(["Button", "Menu"]);
const ACTION_CHILDREN = {
  ShowTaskpane: {
    required: ["SourceLocation"],
    allowed: ["TaskpaneId", "SourceLocation", "Title", "SupportsPinning"],
  },
  ExecuteFunction: { required: ["FunctionName"], allowed: ["FunctionName"] },
};
const REQUIRED_ICON_SIZES = ["16", "32", "80"];

/** Which Resources list a resid on an element of this name must be found in. */
function expectedResourceKind(el) {
  const name = el.localName;
  if (el.namespaceURI === NS.bt && name === "Image") return "Images";
  if (name === "SourceLocation" || name === "FunctionFile" || name === "LearnMoreUrl") return "Urls";
  if (name === "Label" || name === "Title") return "ShortStrings";
  if (name === "Description") return "LongStrings";
  return null;
}

function elements(node) {
  const out = [];
  for (let c = node.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) out.push(c);
  return out;
}

function descendants(node, ns, localName) {
  return Array.from(node.getElementsByTagNameNS(ns, localName));
}

function xsiType(el) {
  const t = el.getAttributeNS(NS.xsi, "type") || "";
  return t.includes(":") ? t.split(":")[1] : t;
}

function where(el) {
  return el.lineNumber ? `line ${el.lineNumber}` : el.localName;
}

/**
 * The structural check on manifest text. Returns a list of problems (empty when valid).
 * options.assetsDir: where icon files must exist; options.origin: the dev server's origin.
 */
function checkStructure(xml, options = {}) {
  const assetsDir = options.assetsDir || path.join(ROOT, "assets");
  const origin = (options.origin || DEFAULT_ORIGIN).replace(/\/$/, "");
  const problems = [];
  const parseErrors = [];
  let doc = null;
  try {
    doc = new DOMParser({
      locator: {},
      onError: (level, msg) => {
        if (level !== "warning") parseErrors.push(msg);
      },
    }).parseFromString(xml, "text/xml");
  } catch (error) {
    parseErrors.push(error instanceof Error ? error.message : String(error));
  }
  if (parseErrors.length > 0 || !doc || !doc.documentElement) {
    return parseErrors.map((m) => `XML is not well-formed: ${String(m).split("\n")[0]}`);
  }
  const root = doc.documentElement;
  if (root.namespaceURI !== NS.app || root.localName !== "OfficeApp") {
    return [`root element must be OfficeApp in ${NS.app}`];
  }
  if (xsiType(root) !== "TaskPaneApp")
    problems.push(`OfficeApp xsi:type must be TaskPaneApp, not "${xsiType(root)}"`);

  // --- Resources ---------------------------------------------------------------------------
  const resources = { Images: new Map(), Urls: new Map(), ShortStrings: new Map(), LongStrings: new Map() };
  const childName = { Images: "Image", Urls: "Url", ShortStrings: "String", LongStrings: "String" };
  for (const kind of Object.keys(resources)) {
    for (const list of descendants(root, NS.bt, kind)) {
      for (const item of elements(list)) {
        if (item.localName !== childName[kind]) continue;
        const id = item.getAttribute("id");
        if (resources[kind].has(id))
          problems.push(`${where(item)}: duplicate resource id "${id}" in bt:${kind}`);
        resources[kind].set(id, item);
      }
    }
  }

  // --- resid references --------------------------------------------------------------------
  const used = new Set();
  const all = Array.from(root.getElementsByTagName("*"));
  for (const el of all) {
    if (!el.hasAttribute("resid")) continue;
    const resid = el.getAttribute("resid");
    const kind = expectedResourceKind(el);
    if (!kind) {
      problems.push(`${where(el)}: unexpected resid on <${el.localName}>`);
      continue;
    }
    used.add(`${kind}:${resid}`);
    if (!resources[kind].has(resid)) {
      const elsewhere = Object.keys(resources).filter((k) => resources[k].has(resid));
      problems.push(
        `${where(el)}: <${el.tagName} resid="${resid}"> has no bt:${childName[kind]} with that id in bt:${kind}` +
          (elsewhere.length ? ` (found in bt:${elsewhere.join(", bt:")})` : ""),
      );
    }
  }
  for (const kind of Object.keys(resources)) {
    for (const [id, item] of resources[kind]) {
      if (!used.has(`${kind}:${id}`))
        problems.push(`${where(item)}: resource "${id}" in bt:${kind} is never used`);
    }
  }

  // --- controls and actions ---------------------------------------------------------------
  const ids = new Map();
  const functionNames = new Map();
  for (const el of all) {
    if (el.namespaceURI !== NS.ov) continue;
    if (["CustomTab", "Group", "Control", "Item"].includes(el.localName)) {
      const id = el.getAttribute("id");
      if (!id) problems.push(`${where(el)}: <${el.localName}> without id`);
      else if (ids.has(id)) problems.push(`${where(el)}: id "${id}" is used twice`);
      else ids.set(id, el);
    }
    if (el.localName === "Control") {
      const type = xsiType(el);
      if (!CONTROL_TYPES.has(type)) {
        problems.push(
          `${where(el)}: unknown control type "${type}" (known: ${[...CONTROL_TYPES].join(", ")})`,
        );
      }
      const icon = elements(el).find((c) => c.localName === "Icon");
      if (!icon) problems.push(`${where(el)}: control "${el.getAttribute("id")}" has no Icon`);
      if (type === "Button" && !elements(el).some((c) => c.localName === "Action")) {
        problems.push(`${where(el)}: button "${el.getAttribute("id")}" has no Action`);
      }
      if (type === "Menu" && !elements(el).some((c) => c.localName === "Items")) {
        problems.push(`${where(el)}: menu "${el.getAttribute("id")}" has no Items`);
      }
    }
    if (el.localName === "Icon") {
      const sizes = elements(el).map((c) => c.getAttribute("size"));
      for (const size of REQUIRED_ICON_SIZES) {
        if (!sizes.includes(size)) problems.push(`${where(el)}: Icon lacks the ${size} px image`);
      }
    }
    if (el.localName === "Action") {
      const type = xsiType(el);
      const spec = ACTION_CHILDREN[type];
      if (!spec) {
        problems.push(
          `${where(el)}: unknown action type "${type}" (known: ${Object.keys(ACTION_CHILDREN).join(", ")})`,
        );
        continue;
      }
      const children = elements(el).map((c) => c.localName);
      for (const req of spec.required) {
        if (!children.includes(req)) problems.push(`${where(el)}: ${type} action needs <${req}>`);
      }
      for (const c of children) {
        if (!spec.allowed.includes(c))
          problems.push(`${where(el)}: <${c}> does not belong in a ${type} action`);
      }
      if (type === "ExecuteFunction") {
        const fnEl = elements(el).find((c) => c.localName === "FunctionName");
        const fn = fnEl ? fnEl.textContent.trim() : "";
        if (fnEl && !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(fn)) {
          problems.push(`${where(fnEl)}: FunctionName "${fn}" is not a JavaScript identifier`);
        }
        if (fn && functionNames.has(fn)) problems.push(`${where(el)}: FunctionName "${fn}" is used twice`);
        if (fn) functionNames.set(fn, el);
      }
    }
  }
  const functionFile = descendants(root, NS.ov, "FunctionFile");
  if (functionNames.size > 0 && functionFile.length === 0) {
    problems.push("ExecuteFunction actions need a <FunctionFile> in DesktopFormFactor");
  }

  // --- URLs: every one on the dev server; icons exist in assets/ ---------------------------
  const urls = [];
  for (const el of all) {
    for (const attr of ["DefaultValue", "Value"]) {
      const v = el.getAttribute(attr);
      if (!v) continue;
      const isUrl =
        el.localName.endsWith("Url") ||
        el.localName === "SourceLocation" ||
        (el.namespaceURI === NS.bt && ["Image", "Url"].includes(el.localName)) ||
        (el.localName === "Override" &&
          el.parentNode &&
          (el.parentNode.localName.endsWith("Url") ||
            el.parentNode.localName === "SourceLocation" ||
            (el.parentNode.namespaceURI === NS.bt && ["Image", "Url"].includes(el.parentNode.localName))));
      if (isUrl) urls.push({ el, url: v });
    }
  }
  for (const { el, url } of urls) {
    if (!url.startsWith(`${origin}/`)) {
      problems.push(`${where(el)}: URL "${url}" is not on the dev server ${origin}/`);
      continue;
    }
    const isImage =
      el.localName === "IconUrl" ||
      el.localName === "HighResolutionIconUrl" ||
      (el.namespaceURI === NS.bt && el.localName === "Image") ||
      (el.localName === "Override" && el.parentNode && /Icon|Image/.test(el.parentNode.localName));
    if (isImage) {
      const rel = decodeURIComponent(new URL(url).pathname).replace(/^\/+/, "");
      if (!rel.startsWith("assets/")) {
        problems.push(`${where(el)}: icon "${url}" must be served from /assets/`);
        continue;
      }
      const file = path.join(assetsDir, rel.slice("assets/".length));
      if (!fs.existsSync(file))
        problems.push(`${where(el)}: icon "${url}" has no file ${path.relative(ROOT, file)}`);
    }
  }
  return problems;
}

/** XSD validation with xmllint. Returns { ran, problems }. */
function checkSchema(manifestPath, schemaPath = path.join(ROOT, "schemas", "officeapp-1.1.xsd")) {
  const r = spawnSync("xmllint", ["--noout", "--schema", schemaPath, manifestPath], { encoding: "utf8" });
  if (r.error && r.error.code === "ENOENT") return { ran: false, problems: [] };
  if (r.status === 0) return { ran: true, problems: [] };
  const lines = `${r.stderr}`
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/ fails to validate$| validates$/.test(l));
  return { ran: true, problems: lines.length ? lines : [`xmllint exited with ${r.status}`] };
}

function main(argv) {
  const args = argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    args.splice(i, 2);
    return v;
  };
  const assetsDir = opt("--assets");
  const origin = opt("--origin");
  const noXsd = args.includes("--no-xsd");
  const file = path.resolve(args.find((a) => !a.startsWith("--")) || path.join(ROOT, "manifest.xml"));
  if (!fs.existsSync(file)) {
    console.error(`validate-manifest: ${file} not found`);
    return 1;
  }
  const problems = [];
  if (!noXsd) {
    const xsd = checkSchema(file);
    if (!xsd.ran) {
      const msg = "xmllint not found (apt-get install libxml2-utils): XSD check skipped";
      if (process.env.REQUIRE_XMLLINT === "1") problems.push(msg);
      else console.warn(`validate-manifest: warning: ${msg}`);
    }
    problems.push(...xsd.problems.map((p) => `schema: ${p}`));
  }
  problems.push(
    ...checkStructure(fs.readFileSync(file, "utf8"), { assetsDir, origin }).map((p) => `structure: ${p}`),
  );
  const name = path.relative(process.cwd(), file) || file;
  if (problems.length > 0) {
    console.error(`${name}: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  ✗ ${p}`);
    return 1;
  }
  console.log(`${name}: valid (XSD ${noXsd ? "skipped" : "ok"}, structure ok)`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv);

module.exports = { checkStructure, checkSchema, main };
