/**
 * The Web Worker that reads, detects and aggregates a picked file off the pane's main thread
 * (issue 13 §6): progress as it parses, then the outcome (grids, record) or the Swedish error.
 * No network: it only receives the bytes the pane transferred.
 */
import { readOutcome } from "./readOutcome";
import { ROWS_PER_SLICE, type ReadRequest, type ReadResponse } from "./workerProtocol";

interface WorkerScope {
  onmessage: ((event: MessageEvent<ReadRequest>) => void) | null;
  postMessage(message: ReadResponse): void;
}

const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  const { id, name, bytes, modified, order } = event.data;
  let last = 0;
  readOutcome({ name, bytes: new Uint8Array(bytes), modified, order }, (fraction) => {
    // At most one message per percent: progress must not flood the pane.
    if (fraction - last >= 0.01 || fraction >= 1) {
      last = fraction;
      scope.postMessage({ id, type: "progress", fraction });
    }
  }).then(
    (outcome) => {
      const grids = outcome.read.grids.map((grid, g) => {
        for (let from = 0; from < grid.values.length; from += ROWS_PER_SLICE) {
          const to = from + ROWS_PER_SLICE;
          scope.postMessage({
            id,
            type: "rows",
            grid: g,
            values: grid.values.slice(from, to),
            text: grid.text.slice(from, to),
            numberFormat: grid.numberFormat.slice(from, to),
          });
        }
        return { ...grid, values: [], text: [], numberFormat: [] };
      });
      scope.postMessage({ id, type: "done", outcome: { ...outcome, read: { ...outcome.read, grids } } });
    },
    (error: unknown) =>
      scope.postMessage({
        id,
        type: "error",
        message: error instanceof Error ? error.message : String(error),
      }),
  );
};
