/**
 * The Prognos view in the preview pane (no Excel) on the demo workbook, which holds the Q1 2023
 * huvudbok: the rows' forecasts, a row's methods with backtest errors and its interval, choosing
 * another method changes the forecast, Spara val saves, Skriv prognosdiagram writes the sheet.
 * Saves test-results/pane-forecast.png (table and chart).
 */
import fs from "fs";
import path from "path";
import { RESULTS_DIR, usePreviewSession } from "../support/browser";
import { METHOD_NAMES_SV } from "../../src/domain/forecast";
import { strings } from "../../src/taskpane/strings";

jest.setTimeout(120_000);

const ROW = "Barn och ungdomsvård";

describe("Prognos view in the preview pane", () => {
  const preview = usePreviewSession();

  test("methods, backtest errors, interval, a changed method, save and the chart sheet", async () => {
    const s = preview();
    const page = await s.openPane();
    await page.getByTestId("view-forecast").click();
    const rows = page.getByTestId("forecast-rows");
    await rows.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("as-of").inputValue()).toBe("2023-03");
    // Thirteen verksamheter and the total; Jan–Mar 2023 net costs are the seed's 442 mnkr.
    expect(await rows.locator("tbody tr").count()).toBe(14);
    const totalYtd = await rows.locator("tr[data-row=total] td").nth(1).innerText();
    expect(Math.round(Number(totalYtd.trim().replace(/\s/g, "").replace(",", ".")))).toBe(442);

    // A row's methods: nine (run-rate, recent, seasonal, remaining budget, ETS, Theta, ARIMA, ARIMA
    // with drift, the automatic forecast), backtest errors in %, the lowest marked, an interval.
    const row = rows.locator(`tr[data-row="${ROW}"]`);
    await row.click();
    const detail = page.locator(`[data-testid=forecast-detail][data-row="${ROW}"]`);
    await detail.waitFor();
    const table = detail.getByTestId("method-table");
    expect(await table.locator("tbody tr[data-method]").count()).toBe(9);
    const errors = await table.getByTestId("backtest-error").allInnerTexts();
    expect(errors.filter((e) => /\d %$/.test(e.trim())).length).toBeGreaterThanOrEqual(4);
    expect(await table.locator("tr[data-lowest=true]").count()).toBe(1);
    expect(await table.innerText()).toContain(strings.forecast.suggested);
    expect(await detail.getByTestId("chosen-interval").innerText()).toMatch(/\d – \d/);
    expect(await detail.getByTestId("chosen-forecast").innerText()).toContain(strings.forecast.auto);

    // Choose another method: the row's forecast changes to that method's.
    const before = (await row.getByTestId("row-forecast").innerText()).trim();
    const runRate = (await table.locator("tr[data-method=runRate] td").nth(1).innerText()).trim();
    expect(runRate).not.toBe(before);
    await detail.getByTestId("method-select").selectOption("runRate");
    await page.waitForFunction(
      ([name, value]) =>
        document
          .querySelector(`[data-testid=forecast-rows] tr[data-row="${name}"] [data-testid=row-forecast]`)
          ?.textContent?.trim() === value,
      [ROW, runRate] as const,
    );
    expect(await detail.getByTestId("chosen-forecast").innerText()).toContain(METHOD_NAMES_SV.runRate);

    // Save: the choice is written to the workbook's settings.
    await page.getByTestId("forecast-save").click();
    await page.getByTestId("forecast-saved").waitFor({ timeout: 20_000 });

    // The inline chart: three lines for the row and for the total.
    for (const id of ["chart-row", "chart-total"]) {
      const lines = page.locator(`[data-testid=${id}] polyline`);
      expect(await lines.count()).toBe(3);
    }

    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, "pane-forecast.png");
    await page.getByTestId("forecast-view").screenshot({ path: file });
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);

    // Spara prognos: a round with the row's comment goes to the protected rounds sheet, and the
    // next round starts from its comments.
    await detail.getByTestId("round-comment").fill("Placeringar ökar från april");
    await page.getByTestId("save-round").click();
    await page.getByTestId("round-saved").waitFor({ timeout: 20_000 });
    await page.locator(`[data-testid=sheet-list] tr[data-sheet="Prognosomgångar"]`).waitFor();
    expect(await detail.innerText()).toContain("Föregående prognosomgång: 2023-03.");
    expect(await detail.getByTestId("round-comment").inputValue()).toBe("Placeringar ökar från april");

    // Skapa radindelning: an editable sheet of verksamheter → report rows.
    await page.getByTestId("create-row-division").click();
    await page.getByTestId("row-division").waitFor({ timeout: 20_000 });
    await page.locator(`[data-testid=sheet-list] tr[data-sheet="Radindelning"]`).waitFor();

    // Skriv prognosdiagram: the data sheet is written (the preview cannot draw charts).
    await page.getByTestId("write-chart").click();
    await page.getByTestId("chart-written").waitFor({ timeout: 20_000 });
    await page.locator(`[data-testid=sheet-list] tr[data-sheet="Prognosdiagram"]`).waitFor();

    expect(s.pageErrors).toEqual([]);
    expect(s.outsideRequests).toEqual([]);
  });
});
