/** A duration in seconds, minutes or hours. */
export function duration(seconds: number): string;
/** The backend, its adapter (hardware or software), samples/s per head and epoch-time estimates for each head count. */
export function speedReport(
  backend: { name: string; adapter: string | null; hardwareGpu: boolean },
  samplesPerSecondPerHead: number,
  headCounts: number[],
): string[];
