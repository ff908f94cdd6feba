/**
 * Log-variances are clamped to [LOG_VAR_MIN, LOG_VAR_MAX], i.e. σ² in [2.1e-9, 4.9e8]:
 * far outside anything training reaches (MNIST ends near σ² 0.015–0.23), yet exp(±s)
 * and its square stay finite in float32.
 */
export const LOG_VAR_MIN = -20;

/** Upper end of the log-variance clamp (see LOG_VAR_MIN). */
export const LOG_VAR_MAX = 20;

/** Added under the square root of a norm so ‖x‖ and its gradient stay finite at x = 0. */
export const NORM_EPS = 1e-12;

/** Clamp one log-variance to [LOG_VAR_MIN, LOG_VAR_MAX] (plain-number twin of the tensor clamp). */
export function clampLogVar(s: number): number {
  return Math.min(LOG_VAR_MAX, Math.max(LOG_VAR_MIN, s));
}
