/**
 * "Hämta från fil…" in the Källa step (issue 13): export files picked through the file input, read
 * in the pane (no request leaves the page), listed with their names, and the driftsammandrag built
 * from their ledger, the month in both files counted once. A file that is not a table is refused
 * with a Swedish message naming it.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { usePreviewSession } from "../support/browser";
import { bookings, raindanceText, utf8, windows1252 } from "../fixtures/sources/exports";

jest.setTimeout(120_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "namnd-pane-sources-"));
const write = (name: string, bytes: Uint8Array) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

describe("source files picked in the pane", () => {
  const preview = usePreviewSession();

  test("two ledger exports → preview from their ledger; a binary file is refused", async () => {
    const s = preview();
    const page = await s.openPane();
    await page.getByTestId("step-source").waitFor();

    const y2023 = write(
      "huvudbok 2023.csv",
      windows1252(raindanceText(bookings(2023, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]))),
    );
    const y2024 = write(
      "huvudbok 2024.csv",
      utf8(raindanceText([...bookings(2023, [12], 2), ...bookings(2024, [1, 2, 3])]), true),
    );
    await page.getByTestId("source-file-input").setInputFiles([y2023, y2024]);
    const list = page.getByTestId("source-files");
    await list.locator('li[data-file="huvudbok 2024.csv"]').waitFor({ timeout: 20_000 });
    expect(await list.locator("li").count()).toBe(2);
    expect(await list.innerText()).toMatch(/huvudbok 2023\.csv\s+\d+ kB, huvudbok, 108 rader/);
    expect(await page.getByTestId("source-files-option").isChecked()).toBe(true);
    // The workbook's own table is still listed beside the files.
    expect(await page.getByTestId("step-source").innerText()).toContain("Driftredovisning");

    await page.getByTestId("step-next").click();
    await page.locator("[data-testid=steps] [data-step=preview][aria-selected=true]").waitFor();
    const report = page.locator("[data-testid=preview-report]").first();
    await report.waitFor({ timeout: 30_000 });
    const labels = await report.locator("[data-testid=preview-table] tr td:first-child").allInnerTexts();
    expect(labels.map((l) => l.trim())).toEqual(expect.arrayContaining(["110", "210", "310"]));
    expect(await page.getByTestId("flow").innerText()).toContain(
      'Utfallet för 2023-12 finns både i "huvudbok 2024.csv"',
    );

    await page.getByTestId("step-back").click();
    await page.getByTestId("step-source").waitFor();
    const binary = write("bild.csv", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    await page.getByTestId("source-file-input").setInputFiles([binary]);
    const message = page.getByTestId("file-message");
    await message.waitFor();
    expect(await message.innerText()).toContain('Filen "bild.csv" är en binärfil');
    await s.screenshot("pane-source-files");

    expect(s.pageErrors).toEqual([]);
    expect(s.outsideRequests).toEqual([]);
  });
});
