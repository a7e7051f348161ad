export declare const portDir: string;
export declare const includeDir: string;
export declare const sourceDir: string;
export declare const engineDir: string;
export declare const engineSource: string;
export declare const portSources: string[];
/** The plain C hosts' target definitions (targets/host/mvp_host.c). */
export declare const hostTargetSource: string;
export declare const commonCFlags: string[];
export interface PortConfig {
  PAGE_SIZE: number;
  MAX_HEAP_SIZE: number;
  STACK_SIZE: number;
  ALLOCATION_BUCKET_SIZE: number;
  INT32_OVERFLOW_CHECKS: number;
  SUPPORT_FLOAT: number;
  GAS_COUNTER: number;
  SNAPSHOT_CAPABILITY: number;
  DEBUG_CAPABILITY: number;
  [name: string]: number;
}
export declare function readPortConfig(): PortConfig;
