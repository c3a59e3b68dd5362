import type { SheetSpec } from "../../report/sheetSpec";
import { SheetPreview } from "../SheetPreview";

/**
 * The Målavstämning sheet as written, with its column widths (Excel's character widths), so the
 * table keeps its shape and scrolls sideways in the narrow pane.
 */
export function MalavstamningPreview({ spec }: { spec: SheetSpec }) {
  return (
    <SheetPreview
      spec={spec}
      layout="columnWidths"
      testId="malavstamning-table"
      scrollerTestId="malavstamning-scroller"
    />
  );
}
