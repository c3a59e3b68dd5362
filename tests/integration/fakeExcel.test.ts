/** The fake Excel host itself: it must fail where Excel fails, or the adapter's tests prove nothing. */
import { FakeExcelHost, FakeOfficeError, PAYLOAD_LIMIT_BYTES } from "../support/fakeExcel";

describe("fake Excel host", () => {
  let host: FakeExcelHost;
  beforeEach(() => {
    host = new FakeExcelHost();
    host.addSheet("Data", [
      ["Verksamhet", "Utfall"],
      ["Skola", 1234.5],
    ]);
  });

  it("throws PropertyNotLoaded when a property is read before load() and sync()", async () => {
    await host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItemOrNullObject("Data").getRange("A1:B2");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      // Loaded but not yet synced: still unreadable.
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(range.values).toEqual([
        ["Verksamhet", "Utfall"],
        ["Skola", 1234.5],
      ]);
      // Only what was loaded is readable.
      expect(() => range.text).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  it("applies writes only at sync(), in order", async () => {
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItemOrNullObject("Data");
      sheet.getRange("A3:B3").values = [["Vård", 10]];
      sheet.name = "Ny";
      expect(host.value("Data", 2, 0)).toBeNull();
      expect(host.sheetNames()).toEqual(["Data"]);
      await ctx.sync();
      expect(host.value("Ny", 2, 0)).toBe("Vård");
      expect(host.sheetNames()).toEqual(["Ny"]);
    });
  });

  it("gives isNullObject only after load + sync, true for a missing sheet", async () => {
    await host.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Saknas");
      const present = ctx.workbook.worksheets.getItemOrNullObject("Data");
      expect(() => missing.isNullObject).toThrow(FakeOfficeError);
      missing.load("name");
      present.load("name");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      expect(present.name).toBe("Data");
    });
  });

  it("rejects a failing batch but keeps the operations before the failure, and delivers no loads", async () => {
    let loaded: { values: unknown[][] } | null = null;
    await expect(
      host.run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItemOrNullObject("Data");
        sheet.getRange("A5").values = [["före"]];
        const r = sheet.getRange("A1");
        r.load("values");
        loaded = r;
        sheet.getRange("A6").numberFormat = [['0.0"']]; // unbalanced quote: Excel rejects it
        sheet.getRange("A7").values = [["efter"]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
    expect(host.value("Data", 4, 0)).toBe("före");
    expect(host.value("Data", 6, 0)).toBeNull();
    expect(() => loaded!.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
  });

  it("rejects a 2D array whose size differs from the range", async () => {
    await expect(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItemOrNullObject("Data").getRange("A1:B2").values = [[1, 2]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidArgument" });
  });

  it("converts number-like text as Excel does unless it starts with an apostrophe", async () => {
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItemOrNullObject("Data").getRange("C1:C3").values = [
        ["2023"],
        ["'2023"],
        ["=A1"],
      ];
      await ctx.sync();
    });
    expect(host.value("Data", 0, 2)).toBe(2023);
    expect(host.value("Data", 1, 2)).toBe("2023");
    expect(host.sheet("Data").formulas.get("2,2")).toBe("=A1");
  });

  it("counts syncs and payload bytes, and refuses a request over 5 MB", async () => {
    await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItemOrNullObject("Data").getRange("A1:B2");
      r.load("values");
      await ctx.sync();
      await ctx.sync();
    });
    expect(host.syncCount).toBe(2);
    expect(host.syncs[0].requestBytes).toBeGreaterThan(0);
    expect(host.syncs[0].responseBytes).toBeGreaterThan(20);
    const big = Array.from({ length: 60_000 }, () => ["x".repeat(100)]);
    await expect(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItemOrNullObject("Data").getRange(`A1:A${big.length}`).values = big;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(host.maxRequestBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    expect(host.value("Data", 59_999, 0)).toBeNull();
  });

  it("refuses a response over 5 MB and returns null values for a read of more than 5 000 000 cells", async () => {
    host.addSheet(
      "Stor",
      Array.from({ length: 30_000 }, (_, i) => [`${"text".repeat(25)}${i}`, i]),
    );
    await expect(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItemOrNullObject("Stor").getRange("A1:B30000").load("values,text");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    await host.run(async (ctx) => {
      const whole = ctx.workbook.worksheets.getItemOrNullObject("Stor").getRange("A1:E1048576");
      whole.load("values");
      await ctx.sync();
      expect(whole.values).toBeNull();
    });
  });

  it("fails a sync that uses an API newer than the host supports", async () => {
    const old = new FakeExcelHost({ apiVersion: "1.9" });
    old.addSheet("Data", [[1]]);
    await expect(
      old.run(async (ctx) => {
        ctx.workbook.worksheets.getItemOrNullObject("Data").notes.add("A1", "x");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ApiNotFound" });
  });

  it("rejects Excel.run when operations were queued but never synced, and proxies die with their run", async () => {
    let leaked: { load(p: string): unknown } | null = null;
    await expect(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItemOrNullObject("Data").getRange("A1").values = [[1]];
      }),
    ).rejects.toThrow(/never synced/);
    await host.run(async (ctx) => {
      leaked = ctx.workbook.worksheets.getItemOrNullObject("Data");
      leaked.load("name");
      await ctx.sync();
    });
    expect(() => leaked!.load("name")).toThrow(expect.objectContaining({ code: "InvalidObjectPath" }));
  });

  it("installs itself as the global Excel and Office, and uninstalls", async () => {
    const uninstall = host.install();
    try {
      const g = globalThis as unknown as { Excel: { run: typeof host.run }; Office: typeof Office };
      expect(g.Office.context.requirements.isSetSupported("ExcelApi", "1.18")).toBe(true);
      expect(g.Office.context.requirements.isSetSupported("ExcelApi", "1.19")).toBe(false);
      const name = await g.Excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getActiveWorksheet();
        ws.load("name");
        await ctx.sync();
        return ws.name;
      });
      expect(name).toBe("Data");
    } finally {
      uninstall();
    }
    expect("Excel" in globalThis).toBe(false);
  });
});
