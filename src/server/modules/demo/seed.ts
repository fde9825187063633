// PLACEHOLDER — replaced by the demo-region seeder (see issue #2 part 9).
import type { Deps } from '../../platform/deps.js';
export async function seedDemoIfEmpty(_deps: Deps): Promise<null | { tenantName: string; password: string; accounts: { role: string; email: string }[] }> {
  return null;
}
