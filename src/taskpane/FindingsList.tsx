import { Badge, Body1, Caption1, Link, makeStyles, tokens } from "@fluentui/react-components";
import type { Finding } from "../domain/findings";
import { parseRangeAddress } from "../workbook/address";
import type { WorkbookPort } from "../workbook/port";
import { strings } from "./strings";

const useStyles = makeStyles({
  list: {
    listStyleType: "none",
    margin: 0,
    padding: 0,
    display: "flex",
    flexDirection: "column",
    gap: "6px",
  },
  item: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "baseline" },
  text: { display: "flex", flexDirection: "column" },
});

const BADGE_COLOR = { error: "danger", warning: "warning", info: "informative" } as const;

/** Jumps to a finding's cell ("'Blad'!C9"); the xlsx port ignores it. */
export async function goToCell(port: WorkbookPort, cell: string): Promise<void> {
  const { sheet, range } = parseRangeAddress(cell);
  if (sheet) await port.selectRange(sheet, range);
}

export function FindingsList({ findings, port }: { findings: Finding[]; port: WorkbookPort }) {
  const styles = useStyles();
  if (findings.length === 0) return <Caption1>{strings.findings.none}</Caption1>;
  return (
    <ul className={styles.list} data-testid="findings">
      {findings.map((f, i) => (
        <li key={`${f.code}-${f.cell ?? ""}-${i}`} className={styles.item} data-severity={f.severity}>
          <Badge appearance="tint" color={BADGE_COLOR[f.severity]} size="small">
            {strings.findings.severity[f.severity]}
          </Badge>
          <span className={styles.text}>
            <Body1>{f.message}</Body1>
            {f.cell && (
              <Link
                as="button"
                title={strings.findings.goToCell(f.cell)}
                data-cell={f.cell}
                onClick={() => void goToCell(port, f.cell!).catch((e: unknown) => console.error(e))}
              >
                {f.cell}
              </Link>
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}
