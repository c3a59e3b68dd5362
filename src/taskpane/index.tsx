/**
 * The task pane's entry point: decide Excel or preview (Office.onReady), get the matching
 * WorkbookPort, then render App. Loading and start-up errors are shown here, so App only ever
 * sees a working port.
 */
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  webLightTheme,
} from "@fluentui/react-components";
import type { WorkbookPort } from "../workbook/port";
import { App } from "./App";
import { type HostMode, createPort, detectHostMode } from "./portFactory";
import { strings } from "./strings";

type Boot =
  | { status: "starting" }
  | { status: "ready"; mode: HostMode; port: WorkbookPort }
  | { status: "failed"; message: string };

function Root() {
  const [boot, setBoot] = useState<Boot>({ status: "starting" });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const mode = await detectHostMode();
      document.documentElement.dataset.hostMode = mode;
      const port = await createPort(mode);
      if (!cancelled) setBoot({ status: "ready", mode, port });
    })().catch((error: unknown) => {
      console.error(error);
      if (!cancelled)
        setBoot({ status: "failed", message: error instanceof Error ? error.message : String(error) });
    });
    return () => {
      cancelled = true;
    };
  }, []);

  if (boot.status === "ready") return <App mode={boot.mode} port={boot.port} />;
  if (boot.status === "failed") {
    return (
      <MessageBar intent="error" layout="multiline" style={{ margin: 16 }} data-testid="startup-error">
        <MessageBarBody>
          <MessageBarTitle>{strings.errorTitle}</MessageBarTitle>
          {boot.message}
        </MessageBarBody>
      </MessageBar>
    );
  }
  return <Spinner style={{ marginTop: 48 }} label={strings.starting} />;
}

const container = document.getElementById("root");
if (container) {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <Root />
    </FluentProvider>,
  );
}
