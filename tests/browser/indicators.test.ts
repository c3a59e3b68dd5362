/**
 * The Indikatorer view in the preview pane (no Excel), on the demo workbook's Q1 2023 indicator
 * tables: Kontrollera indikatorer, counts per status, a hand-checked row, a status filter, a
 * direction set by the economist, Ta bort markeringar, and no request leaving the machine. Saves
 * test-results/pane-indicators.png (the coloured list) and test-results/pane-malavstamning.png
 * (the Målavstämning table as written).
 */
import fs from "fs";
import os from "os";
import path from "path";
import type { Locator, Page } from "playwright-core";
import { RESULTS_DIR, usePreviewSession } from "../support/browser";
import { strings } from "../../src/taskpane/strings";
import { GROUPS_JSON, n35001Rows, v3Page } from "../fixtures/indicators/kolada";

jest.setTimeout(120_000);

const S = strings.indicators;

async function shot(locator: Locator, name: string): Promise<string> {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await locator.screenshot({ path: file });
  return file;
}

/** From the top of `top` down to the end of `last`, at most `maxHeight` CSS pixels (a README-sized image). */
async function shotTop(
  page: Page,
  top: Locator,
  last: Locator,
  name: string,
  maxHeight = 1400,
): Promise<string> {
  const a = await top.boundingBox();
  const b = await last.boundingBox();
  if (!a || !b) throw new Error(`nothing to screenshot for ${name}`);
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  const y = await page.evaluate(() => window.scrollY);
  const pad = 8;
  const width = page.viewportSize()?.width ?? a.x + a.width + pad;
  const height = Math.min(maxHeight, b.y + b.height - a.y + 2 * pad);
  await page.screenshot({ path: file, fullPage: true, clip: { x: 0, y: y + a.y - pad, width, height } });
  return file;
}

function indicatorItem(page: Page, name: string): Locator {
  return page.locator("[data-testid=indicator]", {
    has: page.locator(`[data-testid=indicator-name]:text-is("${name}")`),
  });
}

async function filterTexts(page: Page): Promise<string[]> {
  return (await page.locator("[data-testid=status-filters] button").allInnerTexts()).map((t) => t.trim());
}

describe("Indikatorer view in the preview pane", () => {
  const preview = usePreviewSession();

  test("Kontrollera indikatorer, filter, direction, Ta bort markeringar on the demo workbook", async () => {
    const s = preview();
    const page = await s.openPane();
    await page.getByTestId("view-indicators").click();
    const view = page.getByTestId("indicators-view");
    await view.waitFor();
    expect(await page.getByTestId("flow").isVisible()).toBe(false);

    // Kontrollera indikatorer: marks, Målavstämning, the list.
    await page.getByTestId("check-indicators").click();
    const done = page.getByTestId("indicators-done");
    await done.waitFor({ timeout: 30_000 });
    expect(await done.innerText()).toContain(S.checked(43, "Målavstämning"));
    expect(await filterTexts(page)).toEqual([
      S.filterButton(S.all, 43),
      S.filterButton(S.status.met, 5),
      S.filterButton(S.status.partlyMet, 3),
      S.filterButton(S.status.notMet, 3),
      S.filterButton(S.status.notAssessed, 32),
    ]);
    expect(await page.locator("[data-testid=indicator]").count()).toBe(43);

    // Hand-checked rows (issue 5): Total sjukfrånvaro and Antalet E-tjänster ska öka → delvis uppfyllt.
    const sick = indicatorItem(page, "Total sjukfrånvaro");
    expect(await sick.getAttribute("data-status")).toBe("partlyMet");
    expect(await sick.getByTestId("indicator-reason").innerText()).toBe(
      "5,2 % mot målvärde 5 % (2023); förbättring från 6,0 %",
    );
    expect(await sick.getByTestId("indicator-latest").innerText()).toBe("5,2 % (Mars 2023)");
    expect(await sick.getByTestId("indicator-target").innerText()).toBe(
      "Önskvärd riktning 2023: 5 % 2024: 4,5 %",
    );
    expect((await sick.locator("[data-status]").first().innerText()).trim()).toBe(S.status.partlyMet);
    const eServices = indicatorItem(page, "Antalet E-tjänster ska öka");
    expect(await eServices.getByTestId("indicator-reason").innerText()).toBe(
      "18 mot målvärde 20 (2023); förbättring från 17",
    );
    // Clicking an indicator selects its cell (a no-op on the preview's xlsx port, but no error).
    await sick.getByTestId("indicator-name").click();
    expect(await sick.getByTestId("indicator-name").getAttribute("data-cell")).toBe("'Nämndindikatorer'!C83");

    // Filters: one status, then another instead.
    const filter = (status: string) =>
      page.locator(`[data-testid=status-filters] button[data-filter=${status}]`).click();
    const shownStatuses = () =>
      page.locator("[data-testid=indicator]").evaluateAll((els) => els.map((e) => e.dataset.status));
    await filter("partlyMet");
    expect(await shownStatuses()).toEqual(["partlyMet", "partlyMet", "partlyMet"]);
    await filter("partlyMet");
    await filter("notAssessed");
    expect(await page.locator("[data-testid=indicator]").count()).toBe(32);

    // Beläggningsgrad bostad: ej bedömd until the economist says higher is better, then uppfyllt.
    const occupancyName = "Beläggningsgrad bostad med särskild service, SoL och LSS, 95 %";
    const occupancy = indicatorItem(page, occupancyName);
    expect(await occupancy.getByTestId("indicator-reason").innerText()).toBe(
      "98 % mot målvärde 95 % (2023); riktning saknas",
    );
    await occupancy.getByTestId("indicator-direction").selectOption("higher");
    await page.getByTestId("indicators-busy").waitFor({ state: "detached", timeout: 30_000 });
    await page.getByTestId("indicators-done").waitFor();
    await filter("all");
    expect(await indicatorItem(page, occupancyName).getAttribute("data-status")).toBe("met");
    expect(await indicatorItem(page, occupancyName).getByTestId("indicator-direction").inputValue()).toBe(
      "higher",
    );
    expect(await filterTexts(page)).toContain(S.filterButton(S.status.met, 6));
    expect(await filterTexts(page)).toContain(S.filterButton(S.status.notAssessed, 31));

    // A manual assessment per goal wins and is written to the Målavstämning sheet.
    const goal = page.locator(`section[data-goal="Goda arbetsplatser"]`);
    await goal.getByTestId("goal-manual").fill("Uppfyllt");
    await goal.getByTestId("goal-manual-save").click();
    await page.getByTestId("indicators-busy").waitFor({ state: "detached", timeout: 30_000 });
    await page.getByTestId("indicators-done").waitFor();
    expect(
      await page.locator(`section[data-goal="Goda arbetsplatser"]`).getByTestId("goal-manual").inputValue(),
    ).toBe("Uppfyllt");
    const sickRow = page.getByTestId("malavstamning-table").locator("tr", { hasText: "Total sjukfrånvaro" });
    expect((await sickRow.locator("td").nth(9).innerText()).trim()).toBe("Uppfyllt");

    // The coloured list: the judged indicators (uppfyllt, delvis uppfyllt, ej uppfyllt) under their goals.
    for (const status of ["met", "partlyMet", "notMet"]) await filter(status);
    expect((await shownStatuses()).sort()).toEqual([
      ...Array<string>(6).fill("met"),
      ...Array<string>(3).fill("notMet"),
      ...Array<string>(3).fill("partlyMet"),
    ]);
    await page.evaluate(() => window.scrollTo(0, 0));
    const listShot = await shotTop(
      page,
      page.getByTestId("views"),
      page.getByTestId("indicator-list"),
      "pane-indicators",
    );
    expect(fs.statSync(listShot).size).toBeGreaterThan(10_000);

    // The Målavstämning table as written: counts, then one coloured row per indicator.
    const table = page.getByTestId("malavstamning-table");
    await table.waitFor();
    expect(await table.getAttribute("data-sheet")).toBe("Målavstämning");
    expect(await table.locator("tr").nth(1).innerText()).toContain("Totalt:");
    const statusCell = table.locator("tr", { hasText: "Total sjukfrånvaro" }).locator("td").nth(6);
    expect((await statusCell.innerText()).trim()).toBe("Delvis uppfyllt");
    expect(await statusCell.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      "rgb(255, 235, 156)",
    );
    // Wide like a sheet: shown at a desktop width for the screenshot, scrolling sideways in the pane.
    await page.setViewportSize({ width: 1500, height: 900 });
    const summaryShot = await shot(page.getByTestId("malavstamning"), "pane-malavstamning");
    expect(fs.statSync(summaryShot).size).toBeGreaterThan(10_000);
    await page.setViewportSize({ width: 400, height: 760 });

    // Ta bort markeringar: every marked cell gets its original fill back.
    await page.getByTestId("clear-marks").click();
    const cleared = page.getByTestId("marks-cleared");
    await cleared.waitFor({ timeout: 30_000 });
    expect(await cleared.innerText()).toContain(S.cleared(43));
    await page.getByTestId("clear-marks").click();
    await page.getByTestId("indicators-busy").waitFor({ state: "detached" });
    expect(await page.getByTestId("marks-cleared").innerText()).toContain(S.cleared(0));

    // The Målavstämning sheet shows up in the pane's sheet list.
    await page.locator(`[data-testid=sheet-list] tr[data-sheet="Målavstämning"]`).waitFor();

    // Kolada comparison values come from local files, never the network: a paged answer (two
    // pages), a groups file and a KPI list chosen at once.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kolada-"));
    const rows = n35001Rows();
    const base = "https://api.kolada.se/v3/data/kpi/N35001/year/2022";
    const files = {
      "sida1.json": v3Page(rows.slice(0, 5), `${base}?page=2&per_page=5`),
      "sida2.json": v3Page(rows.slice(5)),
      "grupper.json": GROUPS_JSON,
      "kpi.json": JSON.stringify({ values: [{ id: "N00090", title: "Total sjukfrånvaro, %" }] }),
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    await page.getByTestId("kolada-file").setInputFiles(Object.keys(files).map((n) => path.join(dir, n)));
    const loaded = page.getByTestId("kolada-loaded");
    await loaded.waitFor({ timeout: 30_000 });
    expect(await loaded.innerText()).toContain(S.koladaLoaded(4, 9));
    const panel = page.getByTestId("kolada-panel");
    expect(await panel.getByTestId("kolada-summary").innerText()).toBe(S.koladaSummary(4, 9, 0, 0));
    // The KPI unused by any indicator is reported among the findings.
    expect(await page.locator("text=Nyckeltalet N35001").count()).toBeGreaterThan(0);

    // R9 (G96092) by default; the groups file's other groups can be chosen, and the choice is saved.
    const group = panel.getByTestId("kolada-group");
    expect(await group.inputValue()).toBe("G96092");
    expect(await group.locator("option").allInnerTexts()).toEqual([
      S.koladaGroupOption("G96092", "Resultatnätverket R9 (ovägt medel)", 9, false),
      S.koladaGroupOption("G206446", "Resultatnätverket R12 (ovägt medel)", 12, false),
      S.koladaGroupOption("G555", "Östgötakommuner i test", 3, false),
    ]);
    await group.selectOption("G555");
    await page.getByTestId("indicators-done").waitFor({ timeout: 30_000 });
    await page.getByTestId("indicators-busy").waitFor({ state: "detached" });
    expect(await page.getByTestId("kolada-group").inputValue()).toBe("G555");

    // "Total sjukfrånvaro" is linked by the KPI list's title; the economist can say it has no KPI.
    const link = page.locator("[data-testid=kolada-link]", { hasText: "Total sjukfrånvaro" });
    const select = link.getByTestId("kolada-link-select");
    expect(await select.inputValue()).toBe("auto");
    expect(await select.locator("option").first().innerText()).toBe(S.koladaLinkAuto("N00090", "title"));
    expect(await link.getByTestId("kolada-comparison").innerText()).toBe(`N00090: ${S.koladaNoComparison}`);
    await select.selectOption("none");
    await page.getByTestId("indicators-done").waitFor({ timeout: 30_000 });
    await page.getByTestId("indicators-busy").waitFor({ state: "detached" });
    const after = page.locator("[data-testid=kolada-link]", { hasText: "Total sjukfrånvaro" });
    expect(await after.getByTestId("kolada-link-select").inputValue()).toBe("none");
    expect(await after.getByTestId("kolada-comparison").innerText()).toBe(S.koladaLinkNone);
    await shot(panel, "pane-kolada");

    // A file that is not Kolada is refused with its name, and the loaded files stay.
    fs.writeFileSync(path.join(dir, "v2.json"), JSON.stringify({ error: "Gone" }));
    await page.getByTestId("kolada-file").setInputFiles(path.join(dir, "v2.json"));
    const refused = page.getByTestId("indicators-error");
    await refused.waitFor({ timeout: 30_000 });
    expect(await refused.innerText()).toContain(S.koladaFailedTitle);
    expect(await refused.innerText()).toContain('Filen "v2.json" är ett felsvar från Koladas API');
    expect(await page.getByTestId("kolada-summary").innerText()).toBe(S.koladaSummary(4, 9, 0, 0));

    expect(s.pageErrors).toEqual([]);
    expect(s.outsideRequests).toEqual([]);
  });
});
