/**
 * Every Swedish string the user sees in the pane and from the ribbon commands. Keep UI text here
 * only, so wording can be reviewed (and one day translated) in one place.
 */
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
