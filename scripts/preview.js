#!/usr/bin/env node
/**
 * Preview mode: the task pane in an ordinary browser, without Excel, against the demo workbook.
 *
 *   npm start                       build (office.js served locally) and serve on port 3000
 *   node scripts/preview.js --no-build
 *                                   serve an existing dist/ (built with --env OFFICE_JS=local)
 *
 * Plain http on 127.0.0.1 (PORT, default 3000; PORT=0 picks a free port), serving dist/ and
 * /demo/demo.xlsx (from demo/, or the file in DEMO_XLSX). Talks to nothing but itself: the build
 * uses the office.js copied from node_modules, never the CDN. Runs until Ctrl-C.
 */
const fs = require("fs");
const http = require("http");
const path = require("path");
const { spawnSync } = require("child_process");

const ROOT = path.resolve(__dirname, "..");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

function build() {
  const cli = require.resolve("webpack-cli/bin/cli.js", { paths: [ROOT] });
  console.log("Building the pane (office.js served locally) …");
  const started = Date.now();
  const r = spawnSync(process.execPath, [cli, "--mode", "production", "--env", "OFFICE_JS=local"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, OFFICE_JS: "local" },
  });
  if (r.status !== 0) throw new Error(`webpack failed (exit ${r.status})`);
  console.log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

/** Refuse a dist/ that would load office.js from the internet. */
function checkDist(distDir) {
  const page = path.join(distDir, "taskpane.html");
  if (!fs.existsSync(page)) {
    throw new Error(
      `${path.relative(ROOT, page)} is missing: run \`npm run build:preview\` or drop --no-build`,
    );
  }
  const html = fs.readFileSync(page, "utf8");
  if (
    !html.includes("/office-js/office.js") ||
    !fs.existsSync(path.join(distDir, "office-js", "office.js"))
  ) {
    throw new Error(
      "dist/ loads office.js from the CDN: the preview must not touch the network. " +
        "Build it with `npm run build:preview` (webpack --env OFFICE_JS=local) or drop --no-build.",
    );
  }
}

/**
 * The preview's request handler: GET/HEAD of files under distDir, and /demo/demo.xlsx from demoPath.
 */
function createPreviewServer({ distDir, demoPath }) {
  const distRoot = path.resolve(distDir);
  return http.createServer((req, res) => {
    const send = (status, body, type = "text/plain; charset=utf-8") => {
      res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "Method not allowed\n");
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url || "/", "http://localhost").pathname);
    } catch {
      return send(400, "Bad request\n");
    }
    if (pathname === "/") {
      res.writeHead(302, { Location: "/taskpane.html" });
      return res.end();
    }
    let file;
    if (pathname === "/demo/demo.xlsx") {
      file = demoPath;
    } else {
      file = path.resolve(distRoot, `.${pathname}`);
      if (file !== distRoot && !file.startsWith(distRoot + path.sep)) return send(403, "Forbidden\n");
    }
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) {
        const hint = pathname === "/demo/demo.xlsx" ? ` (run \`npm run demo:build\` or set DEMO_XLSX)` : "";
        return send(404, `Not found: ${pathname}${hint}\n`);
      }
      res.writeHead(200, {
        "Content-Type": TYPES[path.extname(file).toLowerCase()] || "application/octet-stream",
        "Content-Length": stat.size,
        "Cache-Control": "no-store",
      });
      if (req.method === "HEAD") return res.end();
      fs.createReadStream(file).pipe(res);
    });
  });
}

function main(argv) {
  const noBuild = argv.includes("--no-build");
  const distDir = path.resolve(process.env.DIST_DIR || path.join(ROOT, "dist"));
  const demoPath = path.resolve(process.env.DEMO_XLSX || path.join(ROOT, "demo", "demo.xlsx"));
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST || "127.0.0.1";

  if (!noBuild) build();
  checkDist(distDir);
  if (!fs.existsSync(demoPath)) {
    console.warn(`Warning: demo workbook ${demoPath} not found; the pane will show an error.`);
  }

  const server = createPreviewServer({ distDir, demoPath });
  server.on("error", (err) => {
    console.error(`Preview server: ${err.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => {
    const actual = server.address().port;
    console.log(`Preview (no Excel): http://localhost:${actual}/taskpane.html`);
    console.log(`Serving ${path.relative(ROOT, distDir) || distDir} and /demo/demo.xlsx from ${demoPath}`);
    console.log("Press Ctrl-C to stop.");
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`Preview: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}

module.exports = { createPreviewServer, checkDist };
