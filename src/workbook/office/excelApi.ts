/**
 * The slice of the office-js Excel API the office adapter uses, as structural interfaces.
 * The adapter is written against these (not the full office-js classes) so the test host can
 * implement exactly this slice; the assertion at the bottom makes the compiler prove that the
 * real `Excel.RequestContext` satisfies them, so the adapter cannot use anything Excel lacks.
 */

export interface XClientObject {
  readonly isNullObject: boolean;
}

export interface XClientResult<T> {
  readonly value: T;
}

export interface XCellProperties {
  address?: string;
  format?: {
    font?: { bold?: boolean; italic?: boolean };
    indentLevel?: number;
    fill?: { color?: string; pattern?: string };
  };
}

export interface XCellPropertiesLoadOptions {
  address?: boolean;
  format?: {
    font?: { bold?: boolean; italic?: boolean };
    indentLevel?: boolean;
    fill?: { color?: boolean; pattern?: boolean };
  };
}

export interface XRangeFont {
  bold: boolean;
  italic: boolean;
  color: string;
  size: number;
  name: string;
}

export interface XRangeFill {
  color: string;
  clear(): void;
}

export interface XRangeBorder {
  style: string;
  weight: string;
  color: string;
}

export interface XRangeBorderCollection {
  getItem(index: "EdgeTop" | "EdgeBottom"): XRangeBorder;
}

export interface XRangeFormat {
  readonly font: XRangeFont;
  readonly fill: XRangeFill;
  readonly borders: XRangeBorderCollection;
  horizontalAlignment: string;
  verticalAlignment: string;
  indentLevel: number;
  wrapText: boolean;
  columnWidth: number;
  rowHeight: number;
}

export interface XRangeAreas extends XClientObject {
  readonly address: string;
  load(propertyNames: string | string[]): unknown;
}

export interface XRange extends XClientObject {
  readonly address: string;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly rowIndex: number;
  readonly columnIndex: number;
  values: unknown[][];
  readonly text: string[][];
  numberFormat: unknown[][];
  formulas: unknown[][];
  readonly format: XRangeFormat;
  load(propertyNames: string | string[]): unknown;
  getCellProperties(options: XCellPropertiesLoadOptions): XClientResult<XCellProperties[][]>;
  getMergedAreasOrNullObject(): XRangeAreas;
  /** ExcelApi 1.9. */
  getSpecialCellsOrNullObject(cellType: "Constants" | "Formulas"): XRangeAreas;
  merge(across?: boolean): void;
  clear(applyTo?: "Contents"): void;
  select(): void;
}

export interface XNote extends XClientObject {
  content: string;
  delete(): void;
  load(propertyNames: string | string[]): unknown;
}

export interface XNoteCollection {
  add(cellAddress: string, content: string): unknown;
  getItemOrNullObject(key: string): XNote;
}

export interface XFreezePanes {
  freezeRows(count?: number): void;
  freezeColumns(count?: number): void;
  freezeAt(frozenRange: string): void;
}

export interface XPageLayoutZoom {
  horizontalFitToPages?: number;
  verticalFitToPages?: number;
  scale?: number;
}

export interface XPageLayout {
  orientation: string;
  paperSize: string;
  zoom: XPageLayoutZoom;
}

export interface XChartTitle {
  text: string;
}

export interface XChart {
  readonly title: XChartTitle;
  setPosition(startCell: XRange | string, endCell?: XRange | string): void;
}

export interface XChartCollection {
  add(type: "Line", sourceData: XRange, seriesBy?: "Columns"): XChart;
}

export interface XWorksheet extends XClientObject {
  name: string;
  visibility: string;
  position: number;
  tabColor: string;
  readonly freezePanes: XFreezePanes;
  readonly pageLayout: XPageLayout;
  readonly notes: XNoteCollection;
  readonly charts: XChartCollection;
  readonly protection: XWorksheetProtection;
  load(propertyNames: string | string[]): unknown;
  getRange(address?: string): XRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XRange;
  activate(): void;
  delete(): void;
}

export interface XWorksheetProtection {
  protect(): void;
}

export interface XWorksheetCollection {
  readonly items: XWorksheet[];
  load(propertyNames: string | string[]): unknown;
  add(name?: string): XWorksheet;
  getItemOrNullObject(key: string): XWorksheet;
  getActiveWorksheet(): XWorksheet;
}

export interface XInsertWorksheetOptions {
  sheetNamesToInsert?: string[];
  positionType?: "End";
}

export interface XWorkbook {
  readonly worksheets: XWorksheetCollection;
  getSelectedRange(): XRange;
  /** ExcelApi 1.13: the ids of the inserted sheets (Excel renames a sheet whose name is taken). */
  insertWorksheetsFromBase64(base64File: string, options?: XInsertWorksheetOptions): XClientResult<string[]>;
}

export interface XApplication {
  suspendApiCalculationUntilNextSync(): void;
}

export interface XRequestContext {
  readonly workbook: XWorkbook;
  readonly application: XApplication;
  sync(): Promise<unknown>;
}

/** Excel.run as the adapter needs it; tests pass the fake host's run. */
export type ExcelRun = <T>(batch: (context: XRequestContext) => Promise<T>) => Promise<T>;

/**
 * Compile-time proof that office-js's context fits the slice above. If a member used by the
 * adapter is renamed or retyped in @types/office-js, this line stops compiling.
 */
export const assertOfficeJsFits = (context: Excel.RequestContext): XRequestContext => context;
