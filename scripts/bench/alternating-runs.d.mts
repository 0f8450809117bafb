export declare function abbaOrder(rounds: number): Array<'baseline' | 'ours'>;
export declare function mergeRuns(outputs: string[]): string;
