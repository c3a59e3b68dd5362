/**
 * Reads a picked file for the pane: in a Web Worker (src/sources/read.worker.ts) so a 200 000-row
 * export leaves the pane responsive, with progress; on the main thread where workers are
 * unavailable (or the worker cannot start), with the same result and the same Swedish errors.
 */
import type { ReadOutcome, ReadResponse } from "../sources/workerProtocol";

export interface PaneReadOutcome extends ReadOutcome {
  /** The bytes of an .xlsx (kept for insertWorksheetsFromBase64); absent for text files. */
  bytes?: Uint8Array;
  /** Where it was read. */
  via: "worker" | "main";
}

let worker: Worker | null = null;
let workerBroken = false;
let nextId = 1;

async function sharedWorker(): Promise<Worker | null> {
  if (workerBroken || typeof Worker === "undefined") return null;
  if (worker) return worker;
  try {
    const { createSourceWorker } = await import(
      /* webpackChunkName: "source-worker-factory" */
      "./sourceWorkerFactory"
    );
    worker = createSourceWorker();
    return worker;
  } catch {
    workerBroken = true;
    return null;
  }
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b;
}

function inWorker(
  w: Worker,
  request: { name: string; bytes: ArrayBuffer; modified: number | null; order: number },
  onProgress: (fraction: number) => void,
): Promise<ReadOutcome | "unavailable"> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    let answered = false;
    const slices = new Map<number, { values: unknown[][]; text: string[][]; numberFormat: string[][] }>();
    const done = () => {
      w.removeEventListener("message", onMessage);
      w.removeEventListener("error", onError);
    };
    const onMessage = (event: MessageEvent<ReadResponse>) => {
      const m = event.data;
      if (m.id !== id) return;
      answered = true;
      if (m.type === "progress") onProgress(m.fraction);
      else if (m.type === "rows") {
        const slice = slices.get(m.grid) ?? { values: [], text: [], numberFormat: [] };
        for (const row of m.values) slice.values.push(row);
        for (const row of m.text) slice.text.push(row);
        for (const row of m.numberFormat) slice.numberFormat.push(row);
        slices.set(m.grid, slice);
      } else if (m.type === "done") {
        done();
        // The grids' cells came in slices before this message.
        m.outcome.read.grids.forEach((grid, g) => {
          const slice = slices.get(g);
          if (!slice) return;
          grid.values = slice.values as typeof grid.values;
          grid.text = slice.text;
          grid.numberFormat = slice.numberFormat;
        });
        resolve(m.outcome);
      } else {
        done();
        reject(new Error(m.message));
      }
    };
    // The script did not load (CSP, offline build): fall back, unless it was already answering.
    const onError = (event: Event) => {
      event.preventDefault();
      done();
      if (answered) reject(new Error("Filen kunde inte läsas färdigt."));
      else resolve("unavailable");
    };
    w.addEventListener("message", onMessage);
    w.addEventListener("error", onError);
    w.postMessage({ id, ...request }, [request.bytes]);
  });
}

export async function readPickedFile(
  file: File,
  order: number,
  onProgress: (fraction: number) => void = () => undefined,
  options: { worker?: boolean } = {},
): Promise<PaneReadOutcome> {
  const buffer = await file.arrayBuffer();
  const bytes = new Uint8Array(buffer);
  const modified = file.lastModified || null;
  // An .xlsx is kept for insertion: the worker gets a copy, a text file is transferred.
  const kept = isZip(bytes) ? bytes.slice() : undefined;
  const w = options.worker === false ? null : await sharedWorker();
  if (w) {
    const outcome = await inWorker(w, { name: file.name, bytes: buffer, modified, order }, onProgress);
    if (outcome !== "unavailable") return { ...outcome, bytes: kept, via: "worker" };
    workerBroken = true;
    worker = null;
  }
  const { readOutcome } = await import(
    /* webpackChunkName: "sources" */
    "../sources/readOutcome"
  );
  const source = kept ?? (buffer.byteLength > 0 ? bytes : new Uint8Array(await file.arrayBuffer()));
  const outcome = await readOutcome({ name: file.name, bytes: source, modified, order }, onProgress);
  return { ...outcome, bytes: kept, via: "main" };
}
