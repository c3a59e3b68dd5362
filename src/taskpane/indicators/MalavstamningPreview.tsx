import { useMemo } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import { sheetSpecToTable } from "../../report/html";
import type { SheetSpec } from "../../report/sheetSpec";
import { strings } from "../strings";

const useStyles = makeStyles({
  scroller: {
    overflowX: "auto",
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: "#FFFFFF",
    padding: "4px",
  },
  table: {
    tableLayout: "fixed",
    "& td": { padding: "2px 4px", verticalAlign: "top", color: "#000000", overflowWrap: "anywhere" },
  },
});

/**
 * The Målavstämning sheet as written, with its column widths (Excel's character widths), so the
 * table keeps its shape and scrolls sideways in the narrow pane.
 */
export function MalavstamningPreview({ spec }: { spec: SheetSpec }) {
  const styles = useStyles();
  const table = useMemo(() => sheetSpecToTable(spec), [spec]);
  const width = table.columnWidths.reduce((sum, w) => sum + w, 0);
  return (
    <div className={styles.scroller} data-testid="malavstamning-scroller">
      <table
        className={styles.table}
        style={{ ...table.tableStyle, fontSize: "11px", lineHeight: 1.3, width: `${width}ch` }}
        data-testid="malavstamning-table"
        data-sheet={table.name}
        aria-label={strings.preview.tableLabel(table.name)}
      >
        <colgroup>
          {table.columnWidths.map((w, i) => (
            <col key={i} style={{ width: `${w}ch` }} />
          ))}
        </colgroup>
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
