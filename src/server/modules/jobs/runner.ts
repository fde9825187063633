// PLACEHOLDER — replaced by the jobs implementation (see issue #2 part 7).
import type { Deps } from '../../platform/deps.js';
import type { JobDefinition } from './define.js';
export function startJobRunner(_deps: Deps, _jobs: JobDefinition<any>[], _log: unknown) {
  return { stop: async () => {} };
}
