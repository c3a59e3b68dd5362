/**
 * The Web Worker that reads picked files off the main thread (src/sources/read.worker.ts). Its own
 * module, loaded with import() only in the browser: webpack bundles the worker from the
 * `new Worker(new URL(…, import.meta.url))` expression (served from the pane's own origin, so the
 * CSP's worker-src 'self' allows it); Node and the typecheck (module commonjs) never run it.
 */
export function createSourceWorker(): Worker {
  // @ts-expect-error import.meta: webpack compiles this file as an ES module (ts-loader, module esnext).
  return new Worker(new URL("../sources/read.worker.ts", import.meta.url), { name: "source-reader" });
}
