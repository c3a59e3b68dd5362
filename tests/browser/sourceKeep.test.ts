/**
 * Issue 13 §3 and §6 in the pane, files picked through the file input: a large export is read in
 * the Web Worker with a progress bar while the pane stays responsive (and on the main thread, same
 * result, where there is no Worker); "Behåll som blad" brings a file in as a sheet of the workbook,
 * recorded as a saved source; next month's file replaces it in one step after a summary of what
 * changed; a bad file gets the same Swedish error. No request leaves the page.
 */
import fs from "fs";
import os from "os";
import path from "path";
import { startPreview, type PreviewSession } from "../support/browser";
import { bookings, raindanceText, utf8, windows1252, type Booking } from "../fixtures/sources/exports";

jest.setTimeout(180_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "namnd-pane-keep-"));
const write = (name: string, bytes: Uint8Array) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
};

/** n bookings over Jan–Mar 2024 (the same 27 rows repeated). */
function many(n: number): Booking[] {
  const base = bookings(2024, [1, 2, 3]);
  return Array.from({ length: n }, (_, i) => base[i % base.length]);
}

let session: PreviewSession | undefined;
afterEach(async () => {
  await session?.close();
  session = undefined;
});

describe("source files in the pane: worker, keep as sheet, replace", () => {
  test("a 60 000-row export is read in the worker with progress; the pane answers meanwhile", async () => {
    session = await startPreview();
    const page = await session.openPane();
    await page.getByTestId("step-source").waitFor();
    const big = write("huvudbok stor.csv", utf8(raindanceText(many(60_000))));
    const picking = page.getByTestId("source-file-input").setInputFiles([big]);
    const progress = page.getByTestId("file-progress");
    await progress.waitFor({ state: "visible", timeout: 20_000 });
    expect(await progress.locator("[role=progressbar]").count()).toBe(1);
    expect(await progress.innerText()).toMatch(/Läser huvudbok stor\.csv … \d+ %/);
    // The main thread is not blocked by the parse: a frame comes within a fraction of a second.
    const frame = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const t = performance.now();
          requestAnimationFrame(() => resolve(performance.now() - t));
        }),
    );
    expect(frame).toBeLessThan(500);
    await picking;
    const item = page.locator('[data-testid=source-files] li[data-file="huvudbok stor.csv"]');
    await item.waitFor({ timeout: 60_000 });
    expect(await item.getAttribute("data-via")).toBe("worker");
    expect(await item.innerText()).toContain("60000 rader");
    expect(session.pageErrors).toEqual([]);
    expect(session.outsideRequests).toEqual([]);
  });

  test("without Worker the file is read on the main thread, same rows and the same errors", async () => {
    session = await startPreview();
    await session.context.addInitScript(() => {
      // A host without Web Workers.
      delete (window as unknown as { Worker?: unknown }).Worker;
    });
    const page = await session.openPane();
    await page.getByTestId("step-source").waitFor();
    const file = write("huvudbok 2024.csv", windows1252(raindanceText(bookings(2024, [1, 2, 3]))));
    await page.getByTestId("source-file-input").setInputFiles([file]);
    const item = page.locator('[data-testid=source-files] li[data-file="huvudbok 2024.csv"]');
    await item.waitFor({ timeout: 20_000 });
    expect(await item.getAttribute("data-via")).toBe("main");
    expect(await item.innerText()).toContain("27 rader");
    const bad = write("tom.csv", new Uint8Array());
    await page.getByTestId("source-file-input").setInputFiles([bad]);
    await page.getByTestId("file-message").waitFor();
    expect(await page.getByTestId("file-message").innerText()).toContain('Filen "tom.csv" är tom.');
    expect(session.outsideRequests).toEqual([]);
  });

  test("keep as sheet, then next month's file replaces it after a summary of what changed", async () => {
    session = await startPreview();
    const page = await session.openPane();
    await page.getByTestId("step-source").waitFor();
    const march = write("huvudbok 2024-03.csv", windows1252(raindanceText(bookings(2024, [1, 2, 3]))));
    await page.getByTestId("source-file-input").setInputFiles([march]);
    const item = page.locator('[data-testid=source-files] li[data-file="huvudbok 2024-03.csv"]');
    await item.waitFor({ timeout: 20_000 });
    await item.getByTestId("keep-sheet").click();
    await page.getByTestId("file-info").waitFor({ timeout: 20_000 });
    expect(await page.getByTestId("file-info").innerText()).toContain(
      '"huvudbok 2024-03.csv" finns nu i arbetsboken som bladet "huvudbok 2024-03"',
    );
    expect(await item.getByTestId("kept-as").innerText()).toContain('Inlagd som bladet "huvudbok 2024-03"');
    // The workbook's sheet list shows the new sheet; the saved sources list records it.
    await page
      .locator("[data-testid=sheet-list] td", { hasText: "huvudbok 2024-03" })
      .first()
      .waitFor({ timeout: 20_000 });
    const saved = page.locator('[data-testid=saved-sources] li[data-source-name="huvudbok 2024-03.csv"]');
    await saved.waitFor();
    expect(await saved.innerText()).toMatch(/27 rader, blad "huvudbok 2024-03"/);

    // The preview is built from the kept sheet (the ledger is in the workbook now).
    await page.getByTestId("step-next").click();
    const report = page.locator("[data-testid=preview-report]").first();
    await report.waitFor({ timeout: 30_000 });
    expect(await report.innerText()).toContain("110");
    await page.getByTestId("step-back").click();
    await page.getByTestId("step-source").waitFor();

    // Next month: March re-exported with a correction, April new.
    const april = write(
      "huvudbok 2024-04.csv",
      windows1252(
        raindanceText([...bookings(2024, [1, 2]), ...bookings(2024, [3], 2), ...bookings(2024, [4])]),
      ),
    );
    await saved.getByTestId("replace-file-input").setInputFiles([april]);
    const summary = page.getByTestId("replace-summary");
    await summary.waitFor({ timeout: 20_000 });
    const text = await summary.innerText();
    expect(text).toContain('Ersätt "huvudbok 2024-03.csv" med "huvudbok 2024-04.csv"?');
    expect(text).toContain("Rader: +9 rader (36 i stället för 27)");
    expect(text).toContain("Nya månader: 2024-04.");
    expect(
      await summary
        .locator("tr[data-period]")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status"))),
    ).toEqual(["same", "same", "changed", "new"]);
    expect(text).toContain('Bladet "huvudbok 2024-03" skrivs om');
    await session.screenshot("pane-source-replace");
    await page.getByTestId("confirm-replace").click();
    await page.getByTestId("file-info").filter({ hasText: "har ersatt" }).waitFor({ timeout: 20_000 });
    const replaced = page.locator('[data-testid=saved-sources] li[data-source-name="huvudbok 2024-04.csv"]');
    await replaced.waitFor();
    expect(await replaced.innerText()).toMatch(/36 rader, blad "huvudbok 2024-03"/);
    expect(await page.locator("[data-testid=saved-sources] li").count()).toBe(1);
    await session.screenshot("pane-source-kept");

    // A bad file as the replacement: the same clear error, nothing replaced.
    const bad = write("bild.csv", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    await replaced.getByTestId("replace-file-input").setInputFiles([bad]);
    await page.getByTestId("file-message").waitFor();
    expect(await page.getByTestId("file-message").innerText()).toContain('Filen "bild.csv" är en binärfil');
    expect(await page.getByTestId("replace-summary").count()).toBe(0);

    expect(session.pageErrors).toEqual([]);
    expect(session.outsideRequests).toEqual([]);
  });
});
