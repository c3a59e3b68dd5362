import {
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle2,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { GenerateResult } from "../app/generate";
import type { WorkbookPort } from "../workbook/port";
import { FindingsList } from "./FindingsList";
import { SheetPreview } from "./SheetPreview";
import { strings } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalM },
  report: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXS },
});

export function PreviewStep({ result, port }: { result: GenerateResult | null; port: WorkbookPort }) {
  const styles = useStyles();
  if (!result) return <Spinner size="small" label={strings.flow.computing} />;
  return (
    <div className={styles.root} data-testid="step-preview">
      {result.specs.length === 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{strings.preview.nothing}</MessageBarBody>
        </MessageBar>
      )}
      {result.reports.map((report, i) => (
        <section
          key={report.sheet}
          className={styles.report}
          data-testid="preview-report"
          data-kind={report.kind}
        >
          <Subtitle2 as="h3" block>
            {report.sheet}
          </Subtitle2>
          <SheetPreview spec={result.specs[i]} />
        </section>
      ))}
      {result.tables.map((table, i) => (
        <section
          key={table.sheet}
          className={styles.report}
          data-testid="preview-ekonomi"
          data-kind={table.kind}
        >
          <Subtitle2 as="h3" block>
            {table.sheet}
          </Subtitle2>
          <SheetPreview spec={result.tableSpecs[i]} />
        </section>
      ))}
      <section>
        <Subtitle2 as="h3" block>
          {strings.findings.heading}
        </Subtitle2>
        <FindingsList findings={result.findings} port={port} />
      </section>
    </div>
  );
}
