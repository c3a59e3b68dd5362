import { useMemo } from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
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
});

/** A SheetSpec as the sheet will look (same texts as Excel shows), scaled to the pane. */
export function SheetPreview({ spec }: { spec: SheetSpec }) {
  const styles = useStyles();
  const table = useMemo(() => sheetSpecToTable(spec), [spec]);
  return (
    <div className={styles.scroller}>
      <table
        className={styles.table}
        style={{ ...table.tableStyle, fontSize: "11px", lineHeight: 1.3, width: "100%" }}
        data-testid="preview-table"
        data-sheet={table.name}
        aria-label={strings.preview.tableLabel(table.name)}
      >
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
