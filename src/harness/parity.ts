import type { BackendRequest } from '../trainer/shared/config';
import { chooseBackend } from '../trainer/worker/backend';
import { runParity, type ParityFixture, type ParityResult } from '../learner/parity';

/** The lab's numbers on a parity fixture, and the backend and adapter they came from. */
export interface BrowserParity {
  backend: string;
  adapter: string | null;
  hardwareGpu: boolean;
  reason: string;
  result: ParityResult;
}

/**
 * Trains the fixture's heads on this page's tfjs, on `backend` (forced, as ?backend= forces it:
 * exactly that backend or an error), so WebGL and WebGPU, which Node lacks, face the same fixture.
 */
export async function parity(
  fixture: ParityFixture,
  pixels: number[],
  backend: BackendRequest,
): Promise<BrowserParity> {
  const choice = await chooseBackend(backend);
  return {
    backend: choice.backend,
    adapter: choice.adapter,
    hardwareGpu: choice.hardwareGpu,
    reason: choice.reason,
    result: await runParity(fixture, Uint8Array.from(pixels)),
  };
}
