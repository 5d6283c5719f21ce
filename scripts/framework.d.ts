// Types for the parts of Framework 1.13 that scripts/build-site.ts calls (the package ships no declarations).
declare module "@observablehq/framework/dist/build.js" {
  export class FileBuildEffects {
    constructor(outputRoot: string, cacheDir: string);
    prepare(): Promise<void>;
  }
  export function build(context: { config: unknown }, effects?: FileBuildEffects): Promise<void>;
}

declare module "@observablehq/framework/dist/config.js" {
  /** Makes every file's modification time, as Framework embeds it (FileAttachment lastModified), this date. */
  export function setCurrentDate(date: Date | null): void;
  export function readConfig(configPath?: string, root?: string): Promise<unknown>;
}
