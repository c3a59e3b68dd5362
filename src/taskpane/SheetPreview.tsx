import { useMemo } from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { sheetSpecToTable } from "../report/html";
import type { SheetSpec } from "../report/sheetSpec";
import { strings } from "./strings";

const useStyles = makeStyles({
  scroller: {
    overflowX: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: "#FFFFFF",
    padding: "4px",
  },
  table: {
    "& td": { padding: "2px 4px", verticalAlign: "bottom", color: "#000000" },
  },
  fixed: {
    tableLayout: "fixed",
    "& td": { verticalAlign: "top", overflowWrap: "anywhere" },
  },
});

export interface SheetPreviewProps {
  spec: SheetSpec;
  /**
   * "fit": scaled to the pane (a driftsammandrag). "columnWidths": Excel's character widths, so a
   * wide table (Målavstämning) keeps its shape and scrolls sideways.
   */
  layout?: "fit" | "columnWidths";
  testId?: string;
  scrollerTestId?: string;
}

/** A SheetSpec as the sheet will look (the same texts as Excel shows). */
export function SheetPreview({
  spec,
  layout = "fit",
  testId = "preview-table",
  scrollerTestId,
}: SheetPreviewProps) {
  const styles = useStyles();
  const table = useMemo(() => sheetSpecToTable(spec), [spec]);
  const fixed = layout === "columnWidths";
  const width = fixed ? `${table.columnWidths.reduce((sum, w) => sum + w, 0)}ch` : "100%";
  return (
    <div className={styles.scroller} data-testid={scrollerTestId}>
      <table
        className={mergeClasses(styles.table, fixed && styles.fixed)}
        style={{ ...table.tableStyle, fontSize: "11px", lineHeight: 1.3, width }}
        data-testid={testId}
        data-sheet={table.name}
        aria-label={strings.preview.tableLabel(table.name)}
      >
        {fixed && (
          <colgroup>
            {table.columnWidths.map((w, i) => (
              <col key={i} style={{ width: `${w}ch` }} />
            ))}
          </colgroup>
        )}
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.row}>
              {row.cells.map((cell) => (
                <td
                  key={cell.col}
                  colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
                  rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
                  style={cell.style}
                >
                  {cell.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
