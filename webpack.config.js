/**
 * Build of the task pane (dist/taskpane.html) and the ribbon function file (dist/commands.html).
 *
 *   npm run build              production build, office.js from Microsoft's CDN
 *   OFFICE_JS=local npm run build
 *                              office.js copied from node_modules to dist/office-js (no network;
 *                              used by the preview and the browser tests)
 *   npm run dev-server         https://localhost:3000 for sideloading into Excel
 *
 * Certificates for the dev server: $CERT_DIR if set, else the ones `npx office-addin-dev-certs
 * install` trusted on this machine (~/.office-addin-dev-certs), else generated into .certs/ with
 * office-addin-dev-certs' generateCertificates (not trusted by the OS until you install its CA).
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const { X509Certificate } = require("crypto");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const ROOT = __dirname;
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const OFFICE_JS_LOCAL = "/office-js/office.js";
const DEV_PORT = Number(process.env.PORT || 3000);

function officeJsSource(env) {
  const choice = String(env.OFFICE_JS || process.env.OFFICE_JS || "cdn").toLowerCase();
  if (choice !== "cdn" && choice !== "local")
    throw new Error(`OFFICE_JS must be "cdn" or "local", not "${choice}"`);
  return choice;
}

/**
 * The pane's Content-Security-Policy: everything from its own origin (the file-reading worker
 * too: worker-src 'self'), office.js's origin for its scripts and frames in the CDN build,
 * connections only to itself (the dev server's reload socket in development). Fluent UI writes
 * its styles at run time, hence 'unsafe-inline' for styles (never for scripts).
 */
function contentSecurityPolicy(officeJs, dev) {
  const office = officeJs === "cdn" ? ` ${new URL(OFFICE_JS_CDN).origin}` : "";
  return [
    "default-src 'self'",
    `script-src 'self'${office}`,
    "worker-src 'self'",
    `connect-src 'self'${dev ? " wss://localhost:* ws://localhost:*" : ""}`,
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    `frame-src 'self'${office}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
}

function certificateFiles(dir) {
  return {
    ca: path.join(dir, "ca.crt"),
    cert: path.join(dir, "localhost.crt"),
    key: path.join(dir, "localhost.key"),
  };
}

function usable(files) {
  if (![files.ca, files.cert, files.key].every((f) => fs.existsSync(f))) return false;
  try {
    const cert = new X509Certificate(fs.readFileSync(files.cert));
    return new Date(cert.validTo).getTime() > Date.now() + 24 * 3600 * 1000;
  } catch {
    return false;
  }
}

/** https options for webpack-dev-server (getHttpsServerOptions() throws when the CA is not trusted). */
async function httpsServer() {
  const candidates = process.env.CERT_DIR
    ? [process.env.CERT_DIR]
    : [path.join(os.homedir(), ".office-addin-dev-certs"), path.join(ROOT, ".certs")];
  let files = candidates.map(certificateFiles).find(usable);
  if (!files) {
    files = certificateFiles(candidates[candidates.length - 1]);
    const { generateCertificates } = require("office-addin-dev-certs");
    await generateCertificates(files.ca, files.cert, files.key, 30);
    console.log(`Generated development certificates in ${path.dirname(files.cert)}.`);
    console.log("Excel trusts them only after `npx office-addin-dev-certs install` (or importing ca.crt).");
  }
  return {
    type: "https",
    options: {
      ca: fs.readFileSync(files.ca),
      cert: fs.readFileSync(files.cert),
      key: fs.readFileSync(files.key),
    },
  };
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode || process.env.NODE_ENV || "production";
  const dev = mode === "development";
  const officeJs = officeJsSource(env);
  const serving = Boolean(env.WEBPACK_SERVE || process.env.WEBPACK_SERVE);

  const copy = [
    { from: "assets", to: "assets" },
    { from: "manifest.xml", to: "manifest.xml" },
    { from: "src/taskpane/support.html", to: "support.html" },
  ];
  if (officeJs === "local") {
    copy.push({
      from: "node_modules/@microsoft/office-js/dist",
      to: "office-js",
      // already minified: keep terser off these 80 MB, or the build takes minutes
      info: { minimized: true },
      globOptions: { ignore: ["**/*.debug.js", "**/*.d.ts", "**/*.map"] },
    });
  }

  return {
    mode,
    context: ROOT,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      // DIST_DIR lets parallel builds (and their browser tests) use separate folders.
      path: path.resolve(process.env.DIST_DIR || path.join(ROOT, "dist")),
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      publicPath: "/",
      clean: true,
    },
    devtool: dev ? "source-map" : false,
    target: "web",
    resolve: {
      extensions: [".ts", ".tsx", ".js", ".mjs", ".json"],
      alias: {
        // ExcelJS's browser bundle (its Node build needs fs, stream, zlib …).
        exceljs$: path.join(ROOT, "node_modules/exceljs/dist/exceljs.min.js"),
      },
      fallback: { fs: false, path: false, stream: false, crypto: false, os: false },
    },
    module: {
      // A prebuilt UMD bundle: nothing for webpack to resolve inside it.
      noParse: /exceljs[\\/]dist[\\/]exceljs\.min\.js$/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true, // `npm run typecheck` checks types
              compilerOptions: { module: "esnext", sourceMap: dev },
            },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        officeJs: officeJs === "local" ? OFFICE_JS_LOCAL : OFFICE_JS_CDN,
        csp: contentSecurityPolicy(officeJs, dev),
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        officeJs: officeJs === "local" ? OFFICE_JS_LOCAL : OFFICE_JS_CDN,
      }),
      new CopyWebpackPlugin({ patterns: copy }),
    ],
    performance: { hints: false },
    stats: "errors-warnings",
    devServer: {
      port: DEV_PORT,
      host: "localhost",
      headers: { "Access-Control-Allow-Origin": "*" },
      // the demo workbook, so the pane's preview mode also works on the dev server
      static: [{ directory: path.join(ROOT, "demo"), publicPath: "/demo", watch: false }],
      server: serving ? await httpsServer() : "https",
      client: { overlay: { warnings: false } },
    },
  };
};
