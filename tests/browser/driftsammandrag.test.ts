/**
 * The Driftsammandrag flow in the preview pane (no Excel), on the demo workbook, clicked through as
 * a user would: Källa → Mappning → Förhandsgranska → Skapa blad. Checks the preview table's
 * numbers against the seed report and saves test-results/pane-mapping.png and
 * test-results/pane-preview-table.png.
 */
import fs from "fs";
import path from "path";
import type { Locator, Page } from "playwright-core";
import { RESULTS_DIR, usePreviewSession } from "../support/browser";
import { strings } from "../../src/taskpane/strings";

jest.setTimeout(120_000);

const M = "\u2212";

async function rowTexts(table: Locator, label: string): Promise<string[]> {
  const row = table.locator("tr", { has: table.page().locator(`td:first-child:text-is("${label}")`) });
  await row.first().waitFor();
  return (await row.first().locator("td").allInnerTexts()).map((t) => t.trim());
}

async function shot(locator: Locator, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await locator.screenshot({ path: file });
  return file;
}

async function goTo(page: Page, step: keyof typeof strings.flow.steps): Promise<void> {
  await page.getByTestId("step-next").click();
  await page.locator(`[data-testid=steps] [data-step=${step}][aria-selected=true]`).waitFor();
}

describe("Driftsammandrag flow in the preview pane", () => {
  const preview = usePreviewSession();

  test("Källa → Mappning → Förhandsgranska → Skapa blad on the demo workbook", async () => {
    const s = preview();
    const page = await s.openPane();
    await page.getByTestId("flow").waitFor();

    // Källa: the demo's table is detected and preselected; no selection in the preview.
    const source = page.getByTestId("step-source");
    await source.waitFor();
    const checked = source.locator("input[type=radio]:checked");
    expect(await checked.count()).toBe(1);
    expect(await source.innerText()).toContain("Driftredovisning");
    expect(await page.getByTestId("use-selection").isDisabled()).toBe(true);

    // Mappning: columns with their kind, rows with their role.
    await goTo(page, "mapping");
    const mapping = page.getByTestId("step-mapping");
    const kinds = await mapping
      .locator("[data-testid=column-kind]")
      .evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).value));
    expect(kinds).toEqual(expect.arrayContaining(["actual", "budget", "forecast"]));
    const roles = await mapping
      .locator("[data-testid=row-role]")
      .evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).value));
    expect(roles).toContain("summa");
    expect(await mapping.innerText()).toContain(strings.mapping.kinds.actual);
    // Issue 9: each amount column shows its own sign convention, editable; the unit says where it was read.
    const signs = await mapping
      .locator("[data-testid=column-sign]")
      .evaluateAll((els) => els.map((el) => (el as HTMLSelectElement).value));
    expect(signs.length).toBe(kinds.length);
    expect(signs).toContain("costsPositive");
    expect(await mapping.getByTestId("unit-source").innerText()).toMatch(/^Enheten hämtad från .*tkr/);
    expect(await mapping.getByTestId("confirm-unit").isChecked()).toBe(true);
    // Each row shows its amounts as parsed (tkr, the source's unit), so the economist can check them.
    const lss = mapping.getByText("Insatser enligt LSS, SFB och HSL").locator("..");
    const parsedLss = lss.getByTestId("row-parsed");
    await parsedLss.waitFor();
    expect(await parsedLss.innerText()).toMatch(/^216\u00A0(399|400),\d · 211\u00A0(299|300),\d/);
    // A period that cannot be read is said so, in Swedish, and not applied.
    const periodInput = mapping.locator('[data-testid="column-period"]').first();
    expect(await periodInput.inputValue()).toBe("jan\u2013mars 2023");
    await periodInput.fill("nästa år");
    await periodInput.press("Enter");
    await mapping.getByText(strings.mapping.periodInvalid("nästa år")).waitFor();
    await periodInput.fill("jan–mars 2023");
    await periodInput.press("Enter");
    const mappingShot = await shot(page.getByTestId("flow"), "pane-mapping");
    expect(fs.statSync(mappingShot).size).toBeGreaterThan(5_000);

    // Förhandsgranska: both reports, the numbers as the sheet shows them.
    await goTo(page, "preview");
    const fullYear = page.locator(
      "[data-testid=preview-report][data-kind=fullYear] [data-testid=preview-table]",
    );
    const period = page.locator("[data-testid=preview-report][data-kind=period] [data-testid=preview-table]");
    await fullYear.waitFor({ timeout: 20_000 });
    expect((await rowTexts(fullYear, "Summa nettokostnader")).slice(1)).toEqual([
      "1 729",
      "1 709",
      `${M}20`,
      "1 671",
    ]);
    expect((await rowTexts(period, "Summa nettokostnader")).slice(1)).toEqual(["442", "433", `${M}9`, "419"]);
    // The table fits the pane: no horizontal scrolling needed.
    const overflow = await fullYear.evaluate((el) => el.scrollWidth - (el.parentElement?.clientWidth ?? 0));
    expect(overflow).toBeLessThanOrEqual(1);
    const previewShot = await shot(
      page.locator("[data-testid=preview-report]").first(),
      "pane-preview-table",
    );
    expect(fs.statSync(previewShot).size).toBeGreaterThan(5_000);
    const sheetNames = await page.locator("[data-testid=preview-report] h3").allInnerTexts();
    expect(sheetNames.length).toBe(2);
    // The Ekonomi section's tables are previewed too, below the reports.
    const tables = await page
      .locator("[data-testid=preview-ekonomi]")
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-kind")));
    expect(tables).toEqual(["ekonomi", "personal", "analys"]);
    await shot(page.locator("[data-testid=preview-ekonomi][data-kind=analys]"), "pane-preview-analys");

    // Skapa blad: writes the sheets and lists them as links; the sheet list shows them too.
    await goTo(page, "create");
    // The Ekonomi check-list: the demo has a Personal table (beside its indicators) but no
    // investment or volume table (greyed out); the summary and the draft can be made from the
    // driftsammandrag. Leaving the draft out writes the rest.
    const list = page.getByTestId("ekonomi-tables");
    await list.waitFor();
    const box = (key: string) => list.locator(`[data-table=${key}] input, input[data-table=${key}]`).first();
    expect(await list.locator("input[type=checkbox]").count()).toBe(6);
    expect(await box("investeringar").isDisabled()).toBe(true);
    expect(await box("volymtal").isDisabled()).toBe(true);
    expect(await box("ekonomi").isChecked()).toBe(true);
    expect(await box("personal").isChecked()).toBe(true);
    await box("analys").click();
    expect(await box("analys").isChecked()).toBe(false);
    await page.getByTestId("create-sheets").click();
    const done = page.getByTestId("create-done");
    await done.waitFor({ timeout: 20_000 });
    const written = await page.locator("[data-testid=written-sheets] button").allInnerTexts();
    expect(written.map((w) => w.trim()).sort()).toEqual(
      [...sheetNames, "Ekonomi 2023", "Personal mars 2023"].sort(),
    );
    await page.locator("[data-testid=written-sheets] button").first().click();
    for (const name of written) {
      await page.locator(`[data-testid=sheet-list] tr[data-sheet="${name.trim()}"]`).waitFor();
    }
    await shot(page.getByTestId("flow"), "pane-created");

    expect(s.pageErrors).toEqual([]);
    expect(s.outsideRequests).toEqual([]);
  });
});
