/**
 * Issue 13 §6 in Chromium: a 200 000-row ledger export (Raindance-shaped CSV, `;`, Windows-1252,
 * Swedish decimals with space thousands and trailing minus, title lines and a Summa row) picked
 * through the pane's file input in headless Chromium (playwright-core, /usr/bin/chromium), then
 * read, detected and aggregated (the Web Worker by default; also once on the main thread for
 * comparison). Measured:
 *   - time from the input's change event to the file listed with its rows (in the page's clock);
 *   - peak memory: the renderer process's RSS (page and worker live in it), sampled from /proc
 *     every 25 ms, and the page's JSHeapUsedSize (CDP Performance.getMetrics);
 *   - the longest main-thread task while reading (PerformanceObserver "longtask").
 * Targets: ≤ 5 s and ≤ 800 MB. Needs dist/ built for the preview (`npm run build:preview`; built
 * here when missing).
 *
 *   npm run bench -- source-pane
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, startPreview } from "../tests/support/browser";
import { createRng } from "./lib/rng";

export const ROWS = 200_000;
const MB = 1024 * 1024;

/** Swedish amount as Raindance prints it: space thousands, decimal comma, trailing minus. */
function swedish(value: number): string {
  const [int, frac] = Math.abs(value).toFixed(2).split(".");
  const body = `${int.replace(/\B(?=(\d{3})+(?!\d))/g, " ")},${frac}`;
  return value < 0 ? `${body}-` : body;
}

/** 200 000 bookings: 60 verksamheter × 25 konton over 12 months of 2024, costs and revenues. */
export function ledgerExport(rows = ROWS): { bytes: Uint8Array; total: number } {
  const rng = createRng(13);
  const lines = [
    "Raindance - Utdata;;;;;;;",
    "Huvudboksutdrag 2024, belopp i kr;;;;;;;",
    "Urval: Socialnämnden, utskrivet av Åsa Öberg;;;;;;;",
    "Ansvar;Verksamhet;Aktivitet;Konto;Motpart;Projekt;Period;Belopp",
  ];
  let total = 0;
  for (let i = 0; i < rows; i++) {
    const vht = 100 + (i % 60) * 5;
    const konto = [3510, 3610, 4010, 4610, 5110, 5410, 6110, 6410, 7010][rng.int(0, 8)] + rng.int(0, 2);
    const month = 1 + (i % 12);
    const base = rng.uniform(50, 90_000);
    const amount = Math.round((konto < 4000 ? -base : base) * 100) / 100;
    total += amount;
    lines.push(
      [
        `${vht}0`,
        String(vht),
        String(rng.int(0, 9)).padStart(4, "0"),
        String(konto),
        rng.chance(0.2) ? "1000" : "",
        "",
        `2024${String(month).padStart(2, "0")}`,
        swedish(amount),
      ].join(";"),
    );
  }
  lines.push(`Summa;;;;;;;${swedish(Math.round(total * 100) / 100)}`);
  // Windows-1252: every character here is Latin-1.
  return { bytes: new Uint8Array(Buffer.from(lines.join("\r\n") + "\r\n", "latin1")), total };
}

/** The renderer processes among this process's descendants (Chromium's page and worker live there). */
function rendererRssMb(): number[] {
  const parent = new Map<number, number>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parent.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const ours = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; hops++) {
      if (p === process.pid) return true;
      p = parent.get(p) ?? 0;
    }
    return false;
  };
  const out: number[] = [];
  for (const pid of parent.keys()) {
    if (!ours(pid)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!cmd.includes("--type=renderer")) continue;
      const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      out.push(kb / 1024);
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

export interface PaneSourceFigures {
  rows: number;
  fileMb: number;
  via: string | null;
  listedRows: string;
  readDetectAggregateMs: number;
  wallMs: number;
  peakRendererRssMb: number;
  baselineRendererRssMb: number;
  peakPageJsHeapMb: number;
  longestMainThreadTaskMs: number;
  mainThreadLongTasks: number;
  withinTarget: boolean;
}

async function measure(file: string, rows: number, worker: boolean): Promise<PaneSourceFigures> {
  const session = await startPreview();
  try {
    if (!worker)
      await session.context.addInitScript(() => {
        delete (window as unknown as { Worker?: unknown }).Worker;
      });
    const page = await session.openPane();
    await page.getByTestId("step-source").waitFor();
    const cdp = await session.context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const heap = async () => {
      const { metrics } = (await cdp.send("Performance.getMetrics")) as {
        metrics: { name: string; value: number }[];
      };
      return (metrics.find((m) => m.name === "JSHeapUsedSize")?.value ?? 0) / MB;
    };
    // In the page: when the input changes, when the file is listed, the longest task between.
    await page.evaluate(() => {
      const w = window as unknown as { __bench: { start: number; end: number; tasks: number[][] } };
      w.__bench = { start: 0, end: 0, tasks: [] };
      // Entries arrive late (after the file is listed): kept with their times, filtered afterwards.
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__bench.tasks.push([e.startTime, e.duration]);
      }).observe({ type: "longtask", buffered: false });
      const input = document.querySelector("[data-testid=source-file-input]");
      input?.addEventListener("change", () => (w.__bench.start = performance.now()), { capture: true });
      new MutationObserver(() => {
        if (w.__bench.end === 0 && document.querySelector("[data-testid=source-files] li[data-file]"))
          w.__bench.end = performance.now();
      }).observe(document.body, { childList: true, subtree: true });
    });
    const baseline = Math.max(0, ...rendererRssMb());
    let peakRss = baseline;
    let peakHeap = await heap();
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        peakRss = Math.max(peakRss, ...rendererRssMb());
        peakHeap = Math.max(peakHeap, await heap().catch(() => 0));
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    const t0 = performance.now();
    await page.getByTestId("source-file-input").setInputFiles([file]);
    const item = page.locator("[data-testid=source-files] li[data-file]");
    await item.waitFor({ timeout: 120_000 });
    const wallMs = performance.now() - t0;
    sampling = false;
    await sampler;
    await new Promise((r) => setTimeout(r, 300));
    const inPage = await page.evaluate(() => {
      const b = (window as unknown as { __bench: { start: number; end: number; tasks: number[][] } }).__bench;
      const during = b.tasks.filter(([t, d]) => t + d >= b.start && t <= b.end).map(([, d]) => d);
      return { start: b.start, end: b.end, longest: Math.max(0, ...during), count: during.length };
    });
    const via = await item.getAttribute("data-via");
    const listed = /(\d+) rader/.exec(await item.innerText())?.[0] ?? "";
    const ms = inPage.end - inPage.start;
    return {
      rows,
      fileMb: Math.round((fs.statSync(file).size / MB) * 10) / 10,
      via,
      listedRows: listed,
      readDetectAggregateMs: Math.round(ms),
      wallMs: Math.round(wallMs),
      peakRendererRssMb: Math.round(peakRss),
      baselineRendererRssMb: Math.round(baseline),
      peakPageJsHeapMb: Math.round(peakHeap),
      longestMainThreadTaskMs: Math.round(inPage.longest),
      mainThreadLongTasks: inPage.count,
      withinTarget: ms <= 5000 && peakRss <= 800,
    };
  } finally {
    await session.close();
  }
}

export async function run(
  rows = ROWS,
): Promise<{ worker: PaneSourceFigures; mainThread: PaneSourceFigures }> {
  if (!fs.existsSync(path.join(ROOT, "dist", "taskpane.html"))) {
    const r = spawnSync("npm", ["run", "build:preview"], { cwd: ROOT, stdio: "inherit" });
    if (r.status !== 0) throw new Error("npm run build:preview failed");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "namnd-bench-source-"));
  const file = path.join(dir, "huvudbok 2024.csv");
  fs.writeFileSync(file, ledgerExport(rows).bytes);
  try {
    const worker = await measure(file, rows, true);
    const mainThread = await measure(file, rows, false);
    return { worker, mainThread };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
