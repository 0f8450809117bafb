// What the resource monitor samples: the machine, and every running step's process tree.

export interface SystemSample {
  /** Epoch milliseconds. */
  t: number;
  /** Busy share of all cores, 0..1. */
  cpu: number;
  /** Busy share of each core, 0..1. */
  cores: number[];
  memUsedMB: number;
  memTotalMB: number;
  /** 1, 5 and 15 minute load averages (zeros on Windows). */
  load: [number, number, number];
}

export interface StepUsage {
  executionId: string;
  step: string;
  /** Share of one core, 0..N (2 = two cores busy). */
  cpu: number;
  memMB: number;
  processes: number;
}

export interface MonitorSample {
  system: SystemSample;
  steps: StepUsage[];
}
