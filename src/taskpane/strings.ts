/**
 * Every Swedish string the user sees in the pane and from the ribbon commands. Keep UI text here
 * only, so wording can be reviewed (and one day translated) in one place.
 */
/** "A", "A och B", "A, B och C". */
function joinSwedish(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} och ${items[items.length - 1]}`;
}

export const strings = {
  appTitle: "Nämnduppföljning",
  starting: "Startar …",
  readingWorkbook: "Läser arbetsboken …",

  previewBanner: "Förhandsgranskning – inte ansluten till Excel",
  previewDetail:
    "Panelen körs i en vanlig webbläsare mot demoarbetsboken. Öppna tillägget i Excel för att arbeta i din egen arbetsbok.",
  connectedToExcel: "Ansluten till Excel",

  sheetsHeading: "Blad i arbetsboken",
  columnSheet: "Blad",
  columnUsedRange: "Använt område",
  columnVisibility: "Synlighet",
  emptySheet: "tomt",
  noSheets: "Arbetsboken har inga blad.",
  visibility: { visible: "synligt", hidden: "dolt", veryHidden: "mycket dolt" },

  flow: {
    heading: "Ekonomi",
    steps: { source: "Källa", mapping: "Mappning", preview: "Förhandsgranska", create: "Skapa blad" },
    next: "Nästa",
    back: "Tillbaka",
    readingSources: "Letar efter tabeller …",
    computing: "Räknar fram driftsammandraget …",
    writing: "Skriver bladen …",
  },
  source: {
    intro: "Tabeller som ser ut som ett driftsammandrag. Den mest sannolika är förvald.",
    noTables: "Ingen tabell hittades automatiskt. Markera tabellen i Excel och välj Använd markeringen.",
    savedMapping: "Sparad mappning",
    useSelection: "Använd markeringen",
    useSelectionPreviewHint: "I förhandsgranskningen finns ingen markering.",
    noSelection: "Ingen markering: markera tabellen i Excel först.",
    nothingInSelection: (range: string): string =>
      `Ingen tabell med verksamheter och belopp hittades i ${range}.`,
    tableSummary: (rows: number, columns: number, unit: string): string =>
      `${rows} rader, ${columns} beloppskolumner, ${unit}`,
    pickFile: "Hämta från fil…",
    pickFileHint:
      "Huvudboksutdrag, budget eller volymer som .xlsx, .xlsm, .csv eller .txt. Filen läses här i webbläsaren och skickas ingenstans.",
    readingFile: (name: string) => `Läser ${name} …`,
    filesHeading: "Filer",
    filesOption: (count: number) =>
      count === 1
        ? "Huvudbok från filen nedan (och arbetsbokens blad)"
        : `Huvudbok från ${count} filer (och arbetsbokens blad)`,
    fileSummary: (size: string, tables: string, rows: number) => `${size}, ${tables}, ${rows} rader`,
    tableKinds: {
      ledger: "huvudbok",
      annualBudget: "årsbudget",
      wideBudget: "periodiserad budget",
      volume: "volymer",
      rowDivision: "radindelning",
    } as Record<string, string>,
    removeFile: "Ta bort",
    fileError: (message: string) => `Filen kunde inte användas: ${message}`,
    readingProgress: (name: string, percent: number) => `Läser ${name} … ${percent} %`,
    keepSheet: "Behåll som blad",
    keepSheetHint:
      "Lägger in filens tabell som ett eget blad i arbetsboken (tillägget äger bladet och ersätter det nästa månad).",
    keeping: "Lägger in bladet …",
    keptAs: (sheets: string[]) =>
      sheets.length === 1
        ? `Inlagd som bladet "${sheets[0]}"`
        : `Inlagd som bladen ${sheets.map((s) => `"${s}"`).join(", ")}`,
    keptDone: (file: string, sheets: string[]) =>
      `"${file}" finns nu i arbetsboken som ${sheets.length === 1 ? `bladet "${sheets[0]}"` : `bladen ${sheets.map((s) => `"${s}"`).join(", ")}`}.`,
    keepOnly: (reason: string) =>
      `${reason} Filen kan läggas in som blad (Behåll som blad) och läses sedan som arbetsbokens egna blad.`,
    summaryOnlyKept:
      "En sammanställning läses som arbetsbokens egna tabeller: välj den i listan ovan när den har lagts in som blad.",
    savedHeading: "Sparade källor",
    savedIntro: "Filer som tidigare rapporter byggdes på. Nästa månads fil ersätter den gamla i ett steg.",
    savedKept: (sheet: string) => `blad "${sheet}"`,
    savedLinked: "bara länkad (inte inlagd som blad)",
    savedSummary: (size: string, modified: string, rows: number, where: string) =>
      `${size}, ändrad ${modified}, ${rows} rader, ${where}`,
    unknownDate: "okänt datum",
    replaceSource: "Ersätt med ny fil…",
    replaceHeading: (previous: string, next: string) => `Ersätt "${previous}" med "${next}"?`,
    replaceRows: (text: string) => `Rader: ${text}`,
    replaceMonth: "Månad",
    replaceBefore: "Före",
    replaceAfter: "Efter",
    replaceDiff: "Förändring",
    replaceTotal: "Summa",
    replaceStatus: { new: "ny", gone: "saknas nu", changed: "ändrad", same: "" } as Record<string, string>,
    replaceNewMonths: (months: string[]) =>
      months.length === 0 ? "Inga nya månader." : `Nya månader: ${months.join(", ")}.`,
    replaceBudget: (year: number) => `Budget ${year}`,
    replaceConfirm: "Ersätt",
    replaceCancel: "Avbryt",
    replaced: (previous: string, next: string) => `"${next}" har ersatt "${previous}".`,
    replaceKeptNote: (sheet: string) => `Bladet "${sheet}" skrivs om med den nya filens data.`,
    replaceLinkedNote: "Den nya filen används i beräkningen i stället för den gamla.",
    fileFindings: (count: number) => `${count} ${count === 1 ? "anmärkning" : "anmärkningar"} vid läsningen`,
  },
  mapping: {
    columnsHeading: "Kolumner",
    rowsHeading: "Rader",
    settingsHeading: "Enhet och tecken",
    columnHeader: "Rubrik",
    columnKind: "Innehåll",
    columnPeriod: "Period",
    periodPlaceholder: "t.ex. jan–mars 2023, 2023 eller samma period föregående år",
    periodInvalid: (text: string) =>
      `"${text}" går inte att tolka som period; skriv t.ex. jan–mars 2023 eller 2023.`,
    doubtful: (percent: number, note: string | null) =>
      `Osäker tolkning (${percent} %)${note ? `: ${note}` : ""}. Kontrollera typ och period.`,
    rowLabel: "Rad",
    rowRole: "Roll",
    kinds: {
      actual: "Utfall",
      budget: "Budget",
      forecast: "Prognos",
      plan: "Plan",
      deviation: "Avvikelse",
      ignore: "Ignorera",
    },
    roles: {
      post: "Post",
      varav: "Varav",
      summa: "Summa",
      kostnader: "Varav kostnader",
      intakter: "Varav intäkter",
      funding: "Kommunbidrag",
      result: "Resultat",
      ignore: "Ignorera",
    },
    noPeriod: "–",
    samePeriodPriorYear: "samma period föregående år",
    sourceUnit: "Källans enhet",
    revenueSign: "Intäkter i källan",
    revenueSigns: { negative: "Intäkter negativa", positive: "Intäkter positiva" },
    costSign: "Kostnader i källan",
    costSigns: { positive: "Kostnader positiva", negative: "Kostnader negativa" },
    columnSign: "Tecken",
    columnSigns: {
      costsPositive: "Kostnader +, intäkter −",
      costsNegative: "Kostnader −, intäkter +",
      allPositive: "Kostnader +, intäkter +",
      allNegative: "Kostnader −, intäkter −",
      favourablePositive: "Positiv = bättre än budget",
      favourableNegative: "Negativ = bättre än budget",
    },
    measure: "Del",
    measures: { net: "Netto", cost: "Kostnader", revenue: "Intäkter" },
    periodFrom: (source: string) => `Perioden hämtad från ${source}`,
    unitFrom: (source: string) => `Enheten hämtad från ${source}`,
    unitGuessed: (unit: string) =>
      `Enheten står inte i källan; ${unit} är en gissning utifrån beloppens storlek. Rapporten skapas först när enheten är bekräftad.`,
    confirmUnit: "Bekräfta enheten",
    unitConfirmed: "Enheten bekräftad",
    reportUnit: "Rapportens enhet",
    decimals: "Decimaler",
    findingsHeading: "Att kontrollera",
  },
  preview: {
    nothing: "Inget driftsammandrag kan skapas förrän felen nedan är åtgärdade.",
    tableLabel: (sheet: string): string => `Förhandsgranskning av bladet ${sheet}`,
  },
  create: {
    intro: (count: number): string =>
      count === 1 ? "Ett blad skapas i arbetsboken." : `${count} blad skapas i arbetsboken.`,
    button: "Skapa blad",
    doneTitle: "Klart",
    written: "Skrivna blad (klicka för att gå till bladet):",
    failedTitle: "Bladen kunde inte skapas",
    nothingWritten: "Inga blad skrevs.",
  },
  ekonomi: {
    tablesLegend: "Tabeller att skriva",
    tables: {
      driftsammandrag: "Driftsammandrag",
      investeringar: "Investeringar",
      ekonomi: "Ekonomi (sammanfattning)",
      personal: "Personal",
      volymtal: "Volymtal",
      analys: "Analys och kommentar (utkast)",
    } as Record<string, string>,
    notInWorkbook: "finns inte i arbetsboken",
  },
  findings: {
    heading: "Iakttagelser",
    none: "Inga iakttagelser.",
    severity: { error: "Fel", warning: "Varning", info: "Info" },
    goToCell: (cell: string): string => `Gå till ${cell}`,
  },
  findingWithCell: (message: string, cell: string | null): string =>
    cell ? `${message} (${cell})` : message,
  ribbon: {
    noSavedMapping: "Ingen sparad mappning: öppna panelen och välj källtabell.",
    nothingWritten: "Inget driftsammandrag skrevs.",
    wrote: (sheets: string[]): string => `Skrev ${joinSwedish(sheets)}`,
    checkedIndicators: (count: number): string =>
      count === 1 ? "Kontrollerade 1 indikator" : `Kontrollerade ${count} indikatorer`,
  },
  indicators: {
    tab: "Indikatorer",
    intro:
      "Bedömer varje nämndindikator mot sitt målvärde, färgar statuscellerna i din tabell (inga värden ändras) och skriver bladet Målavstämning.",
    check: "Kontrollera indikatorer",
    koladaImport: "Importera Kolada-filer",
    koladaHint:
      "Svarsfiler från Koladas API v3 (JSON: värden, sidor, kommungrupper, nyckeltal) eller CSV-exporter; välj flera filer på en gång. Inget hämtas från nätet.",
    koladaLoaded: (files: number, values: number) =>
      `${files === 1 ? "1 fil" : `${files} filer`}: ${values} värden inlästa. De används vid kontrollen (t.ex. "Samma eller lägre" än R9).`,
    koladaProblems: (count: number) =>
      count === 1
        ? "1 sak att kontrollera, se listan nedan."
        : `${count} saker att kontrollera, se listan nedan.`,
    koladaFailedTitle: "Kolada-filerna kunde inte läsas",
    koladaHeading: "Kolada",
    koladaSummary: (files: number, values: number, duplicates: number, conflicts: number) =>
      [
        `${files === 1 ? "1 fil" : `${files} filer`}, ${values} värden`,
        ...(duplicates > 0 ? [`${duplicates} dubbletter sammanslagna`] : []),
        ...(conflicts > 0
          ? [
              `${conflicts} ${conflicts === 1 ? "värde skilde" : "värden skilde"} sig mellan filerna (den senast ändrade gäller)`,
            ]
          : []),
      ].join(", ") + ".",
    koladaNotes: "Att kontrollera i filerna",
    koladaGroup: "Jämförelsegrupp",
    koladaGroupOption: (id: string, title: string, members: number | null, ownRows: boolean) =>
      `${title === id ? id : `${title} (${id})`}${members !== null ? `, ${members} kommuner` : ""}${ownRows ? ", med gruppens egna värden" : ""}`,
    koladaLinksHeading: "Koppling till nyckeltal",
    koladaLinksIntro:
      "Indikatorer som jämförs med gruppen eller har ett nyckeltal. Valet sparas i arbetsboken.",
    koladaLinkAuto: (kpi: string | null, by: string | null) =>
      kpi
        ? `Automatiskt: ${kpi}${by === "cell" ? " (ur tabellen)" : by === "title" ? " (ur titeln)" : ""}`
        : "Automatiskt: inget",
    koladaLinkNone: "Inget nyckeltal",
    koladaLinkLabel: (indicator: string) => `Nyckeltal för ${indicator}`,
    koladaComparison: (
      group: string,
      value: string,
      year: number,
      source: "group" | "mean",
      count: number | null,
      of: number | null,
    ) =>
      source === "group"
        ? `${group} ${year}: ${value} (gruppens eget värde${count !== null ? `, ${count}${of !== null ? ` av ${of}` : ""} kommuner` : ""})`
        : `${group} ${year}: ${value} (ovägt medel av ${count} av ${of} kommuner)`,
    koladaNoComparison: "Inget jämförelsevärde i filerna för året",
    checking: "Kontrollerar indikatorerna …",
    saving: "Sparar och kontrollerar igen …",
    clearing: "Tar bort markeringarna …",
    checkedTitle: "Indikatorerna är kontrollerade",
    checked: (count: number, sheet: string | null): string =>
      `${count === 1 ? "1 indikator bedömd" : `${count} indikatorer bedömda`}; statuscellerna är färgade${
        sheet ? ` och bladet ${sheet} är skrivet` : ""
      }.`,
    failedTitle: "Kontrollen misslyckades",
    noIndicators: "Inga indikatorer hittades. Kontrollera att tabellen har en rubrikrad med Nämndindikator.",
    notChecked: "Inga indikatorer är kontrollerade ännu.",
    status: {
      met: "Uppfyllt",
      partlyMet: "Delvis uppfyllt",
      notMet: "Ej uppfyllt",
      notAssessed: "Ej bedömd",
    },
    filterLabel: "Visa indikatorer med status",
    all: "Alla",
    filterButton: (label: string, count: number): string => `${label} (${count})`,
    noneWithStatus: "Inga indikatorer har den statusen.",
    goal: "Nämndmål",
    latest: "Senaste värde",
    target: "Målvärde",
    noValue: "saknas",
    latestText: (text: string, period: string): string => `${text} (${period})`,
    selectRow: (cell: string): string => `Markera raden i Excel (${cell})`,
    direction: "Riktning",
    directions: { higher: "Högre är bättre", lower: "Lägre är bättre", unknown: "Okänd" },
    suggested: "Förslag",
    manual: "Manuell bedömning",
    manualPlaceholder: "t.ex. Delvis uppfyllt",
    saveManual: "Spara bedömning",
    clearMarks: "Ta bort markeringar",
    clearedTitle: "Markeringarna är borttagna",
    cleared: (count: number): string =>
      count === 0
        ? "Det fanns inga markeringar att ta bort."
        : count === 1
          ? "1 cell har fått tillbaka sin ursprungliga fyllning och kommentar."
          : `${count} celler har fått tillbaka sina ursprungliga fyllningar och kommentarer.`,
    clearFailedTitle: "Markeringarna kunde inte tas bort",
    summaryHeading: "Målavstämning",
    summaryIntro: (sheet: string): string => `Bladet ${sheet} som det skrevs i arbetsboken.`,
    findingsHeading: "Att kontrollera",
  },
  forecast: {
    tab: "Prognos",
    heading: "Prognos helår",
    intro:
      "Helårsprognos per rad ur huvudboken. Varje metod prövas på samma månad tidigare år (backtest); lägst fel föreslås.",
    reading: "Läser huvudboken och räknar prognoser …",
    noLedger:
      "Ingen huvudbok hittades. Prognosen behöver ett blad med period, verksamhet och belopp (t.ex. ett huvudboksutdrag).",
    asOf: "Prognosmånad",
    unit: "Enhet",
    columnRow: "Rad",
    columnYtd: "Utfall",
    columnBudget: "Budget",
    columnForecast: "Prognos",
    columnMethod: "Metod",
    total: "Summa",
    interval: (low: string, high: string): string => `${low} – ${high}`,
    interval80: (low: string, high: string): string => `80 %: ${low} – ${high}`,
    interval95: (low: string, high: string): string => `95 %: ${low} – ${high}`,
    noInterval: "inget intervall",
    suggested: "Föreslagen metod",
    chosen: "Vald metod",
    auto: "Automatisk (kombination enligt backtest)",
    manual: "Manuell",
    methodsHeading: (row: string): string => `Metoder för ${row}`,
    methodColumn: "Metod",
    forecastColumn: "Prognos",
    errorColumn: "Fel i backtest",
    errorHint:
      "Genomsnittligt absolut fel i % av årets utfall när prognosen gjordes samma månad tidigare år.",
    unavailable: "kan inte användas",
    noBacktest: "–",
    lowest: "lägst fel",
    chooseMethod: (row: string): string => `Metod för ${row}`,
    manualValue: (unit: string): string => `Prognos helår (${unit})`,
    manualComment: "Kommentar (krävs)",
    manualMissing: "Skriv ett värde och en kommentar för den manuella prognosen.",
    outliersHeading: "Avvikande månader",
    noOutliers: "Inga avvikande månader i år.",
    excludeMonth: (month: string): string => `Undanta ${month} från nivåbaserade metoder`,
    chartHeading: (row: string): string => `Ackumulerat: ${row}`,
    chartTotal: "Ackumulerat: summa",
    legendActual: "Utfall",
    legendBudget: "Budget",
    legendForecast: "Prognos",
    chartLabel: (row: string): string => `Diagram över ackumulerat utfall, budget och prognos för ${row}`,
    save: "Spara val",
    saveRound: "Spara prognos",
    rowDivision: "Skapa radindelning",
    rowDivisionCreated: (sheet: string, rows: number) =>
      `Bladet ${sheet} skapades med ${rows} verksamheter. Ändra kolumnen "Rad i rapporten" för att slå ihop eller dela rader; prognosen läser bladet nästa gång.`,
    rowDivisionExists: (sheet: string) =>
      `Bladet ${sheet} finns redan och används som radindelning; det skrivs aldrig över.`,
    savingRound: "Sparar prognosomgången …",
    roundSaved: (asOf: string, rows: number, sheet: string) =>
      `Prognosomgång ${asOf} sparad (${rows} rader) på bladet ${sheet}. Nästa omgång börjar med dessa kommentarer.`,
    roundComment: "Kommentar i prognosomgången",
    roundCommentHint: "Förifylld med förra omgångens kommentar.",
    previousRound: (asOf: string) => `Föregående prognosomgång: ${asOf}.`,
    saving: "Sparar …",
    saved: "Valen är sparade i arbetsboken.",
    unsaved: "Ändringar som inte är sparade.",
    writeChart: "Skriv prognosdiagram",
    writingChart: "Skriver bladet …",
    chartWritten: (sheet: string): string => `Bladet ${sheet} är skrivet.`,
    chartWrittenNoChart: (sheet: string): string =>
      `Bladet ${sheet} är skrivet med diagrammets data. Diagrammet ritas när bladet skrivs i Excel (förhandsgranskningen kan inte rita diagram).`,
    failedTitle: "Det gick inte",
    findingsHeading: "Att kontrollera",
  },

  errorTitle: "Något gick fel",
  demoWorkbookMissing: (url: string, status: string): string =>
    `Kunde inte hämta demoarbetsboken ${url} (${status}).`,
  officePortMissing: "Excel-kopplingen finns inte i den här versionen av tillägget.",

  commands: {
    createDriftsammandrag: "Skapa driftsammandrag",
    checkIndicators: "Kontrollera indikatorer",
  },
  notImplementedYet: (what: string): string => `${what} är inte implementerat ännu.`,
  commandDone: (what: string): string => `${what}: klart.`,
  commandFailed: (what: string, reason: string): string => `${what} misslyckades: ${reason}`,
  lastCommandTitle: "Senaste kommandot från menyfliksområdet",
} as const;

export type Strings = typeof strings;
