export * from "./types";
export * from "./stats";
export * from "./methods";
export * from "./ets";
export * from "./periodise";
export * from "./outliers";
export * from "./backtest";
