export interface CensusEntry { pid: number; pgid: number; command: string }
export declare const MARK: string;
export declare function marked(mark: string): CensusEntry[];
export declare function inGroup(pgid: number): CensusEntry[];
export declare function killAll(entries: CensusEntry[]): void;
export declare function treesWorkflow(dir: string, count: number): string;
