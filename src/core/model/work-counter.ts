/**
 * A count of the steps a parser takes: lines and characters visited, blocks and nodes
 * classified. Tests pass one in to check that the work grows linearly with the input,
 * without timing anything (timings are noisy; counts are exact).
 */
export interface WorkCounter {
  steps: number;
}

export function newWorkCounter(): WorkCounter {
  return { steps: 0 };
}
