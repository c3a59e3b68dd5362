import { Button, Caption1, Radio, RadioGroup, makeStyles, tokens } from "@fluentui/react-components";
import type { SourceOption } from "./sources";
import { amountColumnCount, dataRowCount } from "./sources";
import { strings } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  label: { display: "flex", flexDirection: "column" },
  muted: { color: tokens.colorNeutralForeground3 },
});

export interface SourceStepProps {
  options: SourceOption[];
  selectedKey: string | null;
  onSelect: (key: string) => void;
  canUseSelection: boolean;
  busy: boolean;
  onUseSelection: () => void;
}

export function SourceStep({
  options,
  selectedKey,
  onSelect,
  canUseSelection,
  busy,
  onUseSelection,
}: SourceStepProps) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid="step-source">
      <Caption1>{options.length > 0 ? strings.source.intro : strings.source.noTables}</Caption1>
      {options.length > 0 && (
        <RadioGroup
          value={selectedKey ?? ""}
          onChange={(_, data) => onSelect(data.value)}
          data-testid="source-list"
        >
          {options.map((o) => (
            <Radio
              key={o.key}
              value={o.key}
              data-source={o.address}
              label={
                <span className={styles.label}>
                  <span>
                    {o.saved ? `${strings.source.savedMapping}: ` : ""}
                    {o.address}
                  </span>
                  <Caption1 className={styles.muted}>
                    {strings.source.tableSummary(
                      dataRowCount(o.mapping),
                      amountColumnCount(o.mapping),
                      o.mapping.unit,
                    )}
                  </Caption1>
                </span>
              }
            />
          ))}
        </RadioGroup>
      )}
      <div>
        <Button
          onClick={onUseSelection}
          disabled={!canUseSelection || busy}
          data-testid="use-selection"
          title={canUseSelection ? undefined : strings.source.useSelectionPreviewHint}
        >
          {strings.source.useSelection}
        </Button>
      </div>
      {!canUseSelection && (
        <Caption1 className={styles.muted}>{strings.source.useSelectionPreviewHint}</Caption1>
      )}
    </div>
  );
}
