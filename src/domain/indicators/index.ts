/** Indicators (nämndindikatorer): values, targets, directions, judging, goals and Kolada import. */
export * from "./values";
export * from "./targets";
export * from "./periods";
export * from "./direction";
export * from "./judge";
export * from "./goals";
export * from "./kolada";
export { cleanText, normaliseKey } from "./text";
