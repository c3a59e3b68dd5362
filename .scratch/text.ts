import { gridFromValues } from "../src/workbook/grid";
import { detectBudgetTables } from "../src/mapping/budget/detect";
import { detectIndicatorTables } from "../src/mapping/indicators/detect";
import { detectLedgerTable } from "../src/mapping/ledger/detect";
const N = Number(process.argv[2] ?? 20000);
const patterns: Record<string, string> = {
  a: "a".repeat(N), sp: "a ".repeat(N / 2), lt: "<".repeat(N), dash: "a- ".repeat(N / 3), dots: ".,".repeat(N / 2) + "x",
  digits: "1".repeat(N), digsp: "1 ".repeat(N / 2), paren: "(".repeat(N), nl: "a\n".repeat(N / 2), pct: "1%".repeat(N/2), mixed: "Budget 2023 ".repeat(N / 12),
  sup: "¹".repeat(N) + "a", colon: "a:".repeat(N/2), ws: " ".repeat(N) + "a", tabs: "\t ".repeat(N/2)+"x", minus: "−".repeat(N),
};
for (const [name, text] of Object.entries(patterns)) {
  const g = gridFromValues("S", [[text, "Budget 2023", "Utfall 2023"], ["Verksamhet", 1, 2], [text, 3, 4]]);
  for (const [dn, fn] of [["budget", detectBudgetTables], ["ind", detectIndicatorTables], ["ledger", detectLedgerTable]] as const) {
    const t = performance.now();
    (fn as (g: unknown) => unknown)(g);
    const ms = performance.now() - t;
    if (ms > 50) console.log(name, dn, ms.toFixed(0), "ms");
  }
}
console.log("done");
