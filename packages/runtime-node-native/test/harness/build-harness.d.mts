export interface BuildHarnessOptions {
  /** -fsanitize= value, e.g. 'address,undefined'; none for a plain build. */
  sanitize?: string;
  cc?: string;
  optimize?: string;
  force?: boolean;
  /** Where the binary goes (default node_modules/.cache/mvn-harness). */
  outDir?: string;
  /** Appended to the compiler command line (after the sanitizer flags). */
  extraFlags?: string[];
}
/** Builds (if stale) and returns the path of the harness binary. */
export function buildHarness(options?: BuildHarnessOptions): string;
/** Builds (if stale) the Node-API addon under AddressSanitizer; returns its path. */
export function buildAsanAddon(options?: { cc?: string; force?: boolean; outDir?: string }): string;
/** Environment variables that make a child Node process load `addon` with the ASan runtime. */
export function asanAddonEnv(addon: string, cc?: string): Record<string, string>;
