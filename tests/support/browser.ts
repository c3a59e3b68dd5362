/**
 * Browser-test harness: the preview server (scripts/preview.js --no-build, on a free port) and
 * Debian's Chromium driven by playwright-core, with every request that does not go to the local
 * server aborted and recorded, so a test can assert "no network call".
 *
 * README screenshots: `UPDATE_README_SCREENSHOTS=1 npm run test:browser` copies every screenshot
 * to docs/images/ as well (the README shows docs/images/pane-preview.png); commit them by hand.
 *
 * Needs a dist/ built with office.js served locally: `npm run test:browser` builds it first
 * (`npm run build:preview`). The demo workbook is demo/demo.xlsx, or the file in DEMO_XLSX.
 */
import { type ChildProcess, spawn } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { type BrowserContext, type Page, chromium } from "playwright-core";

export const ROOT = path.resolve(__dirname, "..", "..");
export const RESULTS_DIR = path.join(ROOT, "test-results");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
/** With UPDATE_README_SCREENSHOTS=1, screenshots are also copied here for the README. */
export const README_IMAGES_DIR = path.join(ROOT, "docs", "images");
export const DEMO_XLSX = path.resolve(process.env.DEMO_XLSX || path.join(ROOT, "demo", "demo.xlsx"));

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A task pane in Excel is about this size. */
const PANE_VIEWPORT = { width: 400, height: 760 };

export interface PreviewSession {
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  /** Every request that was not for the local server (all were aborted). */
  outsideRequests: string[];
  /** Uncaught exceptions and console errors in the page. */
  pageErrors: string[];
  /** Load the pane and wait until it has finished starting (sheets listed or an error shown). */
  openPane(): Promise<Page>;
  /** Save a PNG of the page as test-results/<name>.png and return its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

interface ServerHandle {
  baseUrl: string;
  process: ChildProcess;
}

function startServer(env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<ServerHandle> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "scripts", "preview.js"), "--no-build"], {
      cwd: ROOT,
      env: { ...process.env, ...env, PORT: "0", HOST: "127.0.0.1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`preview server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/localhost:(\d+)\//.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ baseUrl: `http://127.0.0.1:${match[1]}`, process: child });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`preview server exited with ${code}:\n${output}`));
    });
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export async function startPreview(options: { demoXlsx?: string } = {}): Promise<PreviewSession> {
  const demo = options.demoXlsx ?? DEMO_XLSX;
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium)`);
  const server = await startServer({ DEMO_XLSX: demo });
  const origins = new Set([server.baseUrl, server.baseUrl.replace("127.0.0.1", "localhost")]);
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "namnd-chromium-"));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: PANE_VIEWPORT,
      deviceScaleFactor: 2,
      locale: "sv-SE",
      timezoneId: "Europe/Stockholm",
    });
  } catch (error) {
    await stopServer(server.process);
    fs.rmSync(userDataDir, { recursive: true, force: true });
    throw error;
  }

  const outsideRequests: string[] = [];
  const pageErrors: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    let origin = "";
    try {
      origin = new URL(url).origin;
    } catch {
      // not a URL we can parse: treat as outside
    }
    if (origins.has(origin)) return route.continue();
    outsideRequests.push(url);
    return route.abort("blockedbyclient");
  });

  const page = context.pages()[0] ?? (await context.newPage());
  page.on("pageerror", (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") pageErrors.push(`console: ${msg.text()}`);
  });

  return {
    baseUrl: server.baseUrl,
    context,
    page,
    outsideRequests,
    pageErrors,
    async openPane() {
      await page.goto(`${server.baseUrl}/taskpane.html`, { waitUntil: "load" });
      await page.waitForSelector(
        "[data-testid=sheet-list], [data-testid=startup-error], [data-testid=sheets-error]",
        {
          timeout: 20_000,
        },
      );
      return page;
    },
    async screenshot(name: string) {
      fs.mkdirSync(RESULTS_DIR, { recursive: true });
      const file = path.join(RESULTS_DIR, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      if (process.env.UPDATE_README_SCREENSHOTS === "1") {
        fs.mkdirSync(README_IMAGES_DIR, { recursive: true });
        fs.copyFileSync(file, path.join(README_IMAGES_DIR, `${name}.png`));
      }
      return file;
    },
    async close() {
      await context.close().catch(() => undefined);
      await stopServer(server.process);
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One preview server for a describe block, on the demo workbook: started before its tests, closed
 * after them. Returns a getter for the running session.
 */
export function usePreviewSession(): () => PreviewSession {
  let session: PreviewSession | undefined;
  beforeAll(async () => {
    if (!fs.existsSync(DEMO_XLSX)) {
      throw new Error(`demo workbook ${DEMO_XLSX} is missing (npm run demo:build, or set DEMO_XLSX)`);
    }
    session = await startPreview();
  });
  afterAll(async () => {
    await session?.close();
  });
  return () => {
    if (!session) throw new Error("the preview server did not start");
    return session;
  };
}
