/**
 * Property tests draw new cases on every local run, to keep finding bugs; under CI
 * (`CI` set) they draw the same cases every time, so a clean-clone run on this machine
 * checks exactly what CI will. `FC_SEED` picks the seed either way, to replay a
 * failure that fast-check reported.
 */
import fc from 'fast-check';

const seed = process.env.FC_SEED ?? (process.env.CI ? '20261201' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
