import type { T } from '../../app/i18n.js';
import type { Role } from '../../api/types.js';

export function roleLabel(role: Role, t: T): string {
  return t(`web.role.${role}`);
}
