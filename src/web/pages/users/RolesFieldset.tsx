/** Role checkboxes; the OPD-scoped roles (operator OPD, kepala OPD) each ask for their OPD. */
import { useId } from 'react';
import { OPD_ROLES, ROLES, type Opd, type Role } from '../../api/types.js';
import { useI18n } from '../../app/i18n.js';
import { roleLabel } from './roleLabel.js';

export type RoleChoice = Partial<Record<Role, { opdId: string }>>;

export function RolesFieldset({ value, onChange, opds, allowSuperadmin, error }: { value: RoleChoice; onChange(v: RoleChoice): void; opds: Opd[]; allowSuperadmin: boolean; error?: string }) {
  const { t } = useI18n();
  const id = useId();
  const roles = ROLES.filter((r) => r !== 'superadmin' || allowSuperadmin || value.superadmin);
  return (
    <fieldset className={error ? 'field--error' : undefined} aria-describedby={error ? `${id}-error` : `${id}-hint`}>
      <legend>{t('web.user.roles')}</legend>
      <p id={`${id}-hint`} className="hint">{t('web.user.rolesHint')}</p>
      {roles.map((r) => {
        const checked = !!value[r];
        return (
          <div key={r} className="role-choice">
            <div className="check">
              <input
                id={`${id}-${r}`}
                type="checkbox"
                checked={checked}
                disabled={r === 'superadmin' && !allowSuperadmin}
                onChange={(e) => {
                  const next = { ...value };
                  if (e.target.checked) next[r] = { opdId: '' };
                  else delete next[r];
                  onChange(next);
                }}
              />
              <label htmlFor={`${id}-${r}`}>{roleLabel(r, t)}</label>
            </div>
            {checked && OPD_ROLES.includes(r) ? (
              <div className="field nested">
                <label htmlFor={`${id}-${r}-opd`}>{t('web.user.opdFor', { role: roleLabel(r, t) })}</label>
                <select id={`${id}-${r}-opd`} required value={value[r]?.opdId ?? ''} onChange={(e) => onChange({ ...value, [r]: { opdId: e.target.value } })}>
                  <option value="">{t('web.user.chooseOpd')}</option>
                  {opds.filter((o) => o.isActive || o.id === value[r]?.opdId).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
                </select>
              </div>
            ) : null}
          </div>
        );
      })}
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : null}
    </fieldset>
  );
}

export function choiceToRoles(v: RoleChoice): Array<{ role: Role; opdId?: string }> {
  return (Object.keys(v) as Role[]).map((role) => (OPD_ROLES.includes(role) ? { role, opdId: v[role]!.opdId } : { role }));
}

export function rolesToChoice(roles: Array<{ role: Role; opdId: string | null }>): RoleChoice {
  const out: RoleChoice = {};
  for (const g of roles) out[g.role] = { opdId: g.opdId ?? '' };
  return out;
}

/** A role that needs an OPD but has none chosen; null when all is well. */
export function missingOpd(v: RoleChoice): Role | null {
  return OPD_ROLES.find((r) => v[r] && !v[r]!.opdId) ?? null;
}
