/**
 * Property tests draw their cases from one fixed seed: the suite runs the same cases every time, so a red
 * run is a defect to fix, never a roll of the dice. A counterexample found by exploring other seeds (set
 * ZHKG_FC_SEED) goes into the test file as a named case.
 */
import fc from 'fast-check';

const DEFAULT_SEED = 20_261_201;
const chosen = Number(process.env.ZHKG_FC_SEED);
fc.configureGlobal({ seed: Number.isFinite(chosen) && process.env.ZHKG_FC_SEED !== '' ? chosen : DEFAULT_SEED });
