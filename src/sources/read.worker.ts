/**
 * The Web Worker that reads, detects and aggregates a picked file off the pane's main thread
 * (issue 13 §6): progress as it parses, then the outcome (grids, record) or the Swedish error.
 * No network: it only receives the bytes the pane transferred.
 */
import { readOutcome } from "./readOutcome";
import type { ReadRequest, ReadResponse } from "./workerProtocol";

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
    (outcome) => scope.postMessage({ id, type: "done", outcome }),
    (error: unknown) =>
      scope.postMessage({
        id,
        type: "error",
        message: error instanceof Error ? error.message : String(error),
      }),
  );
};
