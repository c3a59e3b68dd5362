/**
 * manifest.xml: our manifest passes the offline validation (XSD + structure), broken copies fail
 * it, and every <FunctionName> is registered with Office.actions.associate (and vice versa).
 */
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { runCommand } from "../../src/commands/commands";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST = path.join(ROOT, "manifest.xml");
const VALIDATOR = path.join(ROOT, "scripts", "validate-manifest.js");
const manifestText = fs.readFileSync(MANIFEST, "utf8");

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkStructure } = require(VALIDATOR) as { checkStructure: (xml: string) => string[] };

const hasXmllint = spawnSync("xmllint", ["--version"]).status === 0;

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "namnd-manifest-"));
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Runs `node scripts/validate-manifest.js` on a copy of manifest.xml with one change. */
function validateCopy(name: string, edit: (xml: string) => string, extraArgs: string[] = []) {
  const edited = edit(manifestText);
  expect(edited).not.toBe(manifestText); // the edit must really change something
  const file = path.join(tmp, `${name}.xml`);
  fs.writeFileSync(file, edited);
  const r = spawnSync(process.execPath, [VALIDATOR, file, ...extraArgs], { encoding: "utf8" });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

function replaceOnce(xml: string, from: string, to: string): string {
  expect(xml).toContain(from);
  return xml.replace(from, to);
}

describe("npm run validate", () => {
  test("our manifest.xml is valid", () => {
    const r = spawnSync(process.execPath, [VALIDATOR, MANIFEST], {
      encoding: "utf8",
      // CI must run the XSD layer too: without xmllint there the validation fails.
      env: { ...process.env, REQUIRE_XMLLINT: hasXmllint || process.env.CI ? "1" : "0" },
    });
    expect(`${r.stdout}${r.stderr}`).toContain("valid");
    expect(r.status).toBe(0);
    expect(checkStructure(manifestText)).toEqual([]);
  });

  test("a broken resource id fails", () => {
    const r = validateCopy("broken-resid", (x) =>
      replaceOnce(x, '<Label resid="OpenPane.Label"/>', '<Label resid="OpenPane.Lable"/>'),
    );
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/resid="OpenPane\.Lable".*bt:ShortStrings/);
  });

  test("a resid pointing into the wrong resource list fails", () => {
    const r = validateCopy("wrong-kind", (x) =>
      replaceOnce(x, '<FunctionFile resid="Commands.Url"/>', '<FunctionFile resid="Tab.Label"/>'),
    );
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/resid="Tab\.Label".*bt:Urls.*found in bt:ShortStrings/);
  });

  test("an unknown control type fails", () => {
    const r = validateCopy("unknown-control", (x) =>
      replaceOnce(
        x,
        'xsi:type="Button" id="Namnd.CheckIndicators"',
        'xsi:type="SplitButton" id="Namnd.CheckIndicators"',
      ),
    );
    expect(r.status).toBe(1);
    expect(r.output).toContain('unknown control type "SplitButton"');
  });

  test("an unknown action type fails", () => {
    const r = validateCopy("unknown-action", (x) =>
      replaceOnce(x, '<Action xsi:type="ShowTaskpane">', '<Action xsi:type="ShowTaskPane">'),
    );
    expect(r.status).toBe(1);
    expect(r.output).toContain('unknown action type "ShowTaskPane"');
  });

  test("an ExecuteFunction without FunctionName fails", () => {
    const r = validateCopy("no-function-name", (x) =>
      replaceOnce(x, "<FunctionName>checkIndicators</FunctionName>", ""),
    );
    expect(r.status).toBe(1);
    expect(r.output).toContain("ExecuteFunction action needs <FunctionName>");
  });

  test("a duplicated FunctionName fails", () => {
    const r = validateCopy("duplicate-function", (x) =>
      replaceOnce(
        x,
        "<FunctionName>checkIndicators</FunctionName>",
        "<FunctionName>createDriftsammandrag</FunctionName>",
      ),
    );
    expect(r.status).toBe(1);
    expect(r.output).toContain('FunctionName "createDriftsammandrag" is used twice');
  });

  test("a missing icon file fails", () => {
    const r = validateCopy("missing-icon", (x) =>
      replaceOnce(
        x,
        "https://localhost:3000/assets/sum-32.png",
        "https://localhost:3000/assets/summa-32.png",
      ),
    );
    expect(r.status).toBe(1);
    expect(r.output).toContain("has no file assets/summa-32.png");
  });

  test("a URL on another host fails", () => {
    const r = validateCopy("wrong-host", (x) =>
      replaceOnce(
        x,
        '<bt:Url id="Taskpane.Url" DefaultValue="https://localhost:3000/taskpane.html"/>',
        '<bt:Url id="Taskpane.Url" DefaultValue="https://example.org:3000/taskpane.html"/>',
      ),
    );
    expect(r.status).toBe(1);
    expect(r.output).toContain('URL "https://example.org:3000/taskpane.html" is not on the dev server');
  });

  test("a plain-http URL on the right host fails", () => {
    const r = validateCopy("http", (x) =>
      replaceOnce(
        x,
        '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>',
        '<SourceLocation DefaultValue="http://localhost:3000/taskpane.html"/>',
      ),
    );
    expect(r.status).toBe(1);
    expect(r.output).toContain("is not on the dev server https://localhost:3000/");
  });

  test("XML that is not well-formed fails", () => {
    const r = validateCopy("not-xml", (x) => x.replace("</OfficeApp>", ""), ["--no-xsd"]);
    expect(r.status).toBe(1);
    expect(r.output).toContain("not well-formed");
  });

  (hasXmllint ? test : test.skip)("the XSD catches elements out of order (schema layer alone)", () => {
    const r = validateCopy("order", (x) =>
      replaceOnce(x, "  <Permissions>ReadWriteDocument</Permissions>\n", "").replace(
        "  <DefaultSettings>",
        "  <Permissions>ReadWriteDocument</Permissions>\n  <DefaultSettings>",
      ),
    );
    expect(r.status).toBe(1);
    expect(r.output).toMatch(/schema: .*Permissions/);
  });
});

describe("ribbon commands match the manifest", () => {
  const manifestFunctions = [...manifestText.matchAll(/<FunctionName>\s*([^<\s]+)\s*<\/FunctionName>/g)].map(
    (m) => m[1],
  );

  type Handler = (event: { completed: () => void }) => Promise<void>;

  /** Imports src/commands/commands.ts with a global Office stub that records associate calls. */
  function loadCommandsWithStub() {
    const associated = new Map<string, Handler>();
    const stub = {
      onReady: (callback?: (info: { host: string; platform: string }) => void) => {
        const info = { host: "Excel", platform: "PC" };
        callback?.(info);
        return Promise.resolve(info);
      },
      actions: {
        associate: (name: string, handler: Handler) => {
          if (associated.has(name)) throw new Error(`associated twice: ${name}`);
          associated.set(name, handler);
        },
      },
      HostType: { Excel: "Excel" },
    };
    const g = globalThis as unknown as { Office?: unknown };
    const previous = g.Office;
    g.Office = stub;
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require("../../src/commands/commands");
      });
    } finally {
      g.Office = previous;
    }
    return associated;
  }

  test("the manifest names two functions", () => {
    expect(manifestFunctions.sort()).toEqual(["checkIndicators", "createDriftsammandrag"]);
  });

  test("every FunctionName is associated, and every associated id is in the manifest", () => {
    const associated = loadCommandsWithStub();
    expect([...associated.keys()].sort()).toEqual([...manifestFunctions].sort());
  });

  test("a command that fails still calls event.completed() exactly once and keeps its message", async () => {
    const completed = jest.fn();
    const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await runCommand("createDriftsammandrag", { completed }, () =>
        Promise.reject(new Error("ingen Excel")),
      );
      expect(completed).toHaveBeenCalledTimes(1);
      expect(errors).toHaveBeenCalledWith(expect.stringContaining("ingen Excel"), expect.any(Error));
    } finally {
      errors.mockRestore();
    }
  });

  test("a command whose work throws still completes once (the associated handler)", async () => {
    const associated = loadCommandsWithStub();
    const errors = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      for (const name of manifestFunctions) {
        const completed = jest.fn();
        await associated.get(name)!({ completed });
        expect(completed).toHaveBeenCalledTimes(1);
      }
    } finally {
      errors.mockRestore();
    }
  });
});
