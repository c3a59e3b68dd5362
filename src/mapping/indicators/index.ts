/** Indicator tables: detection, reading, the saved mapping and evaluation. */
export * from "./model";
export * from "./mapping";
export * from "./detect";
export * from "./evaluate";
export * from "./kolada";
