/**
 * The preview pane in headless Chromium: no Excel, the demo workbook through the xlsx port, and
 * not one request outside the local preview server. Saves test-results/pane-preview.png (the
 * README's screenshot).
 */
import fs from "fs";
import ExcelJS from "exceljs";
import { DEMO_XLSX, usePreviewSession } from "../support/browser";
import { strings } from "../../src/taskpane/strings";

jest.setTimeout(90_000);

async function visibleSheetNames(file: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  return workbook.worksheets
    .filter((ws) => ws.state !== "veryHidden" && ws.state !== "hidden")
    .map((ws) => ws.name);
}

describe("preview pane (no Excel)", () => {
  const preview = usePreviewSession();

  test("says it is a preview and lists the demo workbook's sheets, with no outside request", async () => {
    const s = preview();
    const page = await s.openPane();

    const startupError = await page
      .locator("[data-testid=startup-error], [data-testid=sheets-error]")
      .count();
    expect(startupError === 0 ? "" : await page.locator("[data-testid$=error]").first().innerText()).toBe("");

    const banner = page.getByTestId("preview-banner");
    await banner.waitFor({ state: "visible" });
    expect(await banner.innerText()).toContain(strings.previewBanner);
    expect(await page.evaluate(() => document.documentElement.dataset.hostMode)).toBe("preview");

    const expected = await visibleSheetNames(DEMO_XLSX);
    expect(expected.length).toBeGreaterThan(0);
    const listed = await page.locator("[data-testid=sheet-list] tbody tr td:first-child").allInnerTexts();
    for (const name of expected) expect(listed).toContain(name);

    // Every sheet with content shows its used range as an A1 address.
    const ranges = await page.locator("[data-testid=sheet-list] tbody tr td:nth-child(2)").allInnerTexts();
    expect(ranges.some((r) => /^[A-Z]+\d+(:[A-Z]+\d+)?$/.test(r))).toBe(true);

    const shot = await s.screenshot("pane-preview");
    expect(fs.statSync(shot).size).toBeGreaterThan(5_000);

    // office.js starts its telemetry iframe 3 s after loading: wait past that before asserting.
    await page.waitForTimeout(4_000);
    expect(s.outsideRequests).toEqual([]);
    expect(s.pageErrors).toEqual([]);
  });
});
