/** Source files: the finance department's exports and workbooks, read beside the open workbook. */
export * from "./decode";
export * from "./delimited";
export * from "./exportGrid";
export * from "./model";
export * from "./readSourceFile";
