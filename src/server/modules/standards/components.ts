/**
 * The 14 components of a standard (UU 25/2009 Pasal 21, DOMAIN.md §3): which are filled,
 * and the public (service-delivery) part. Pure functions; ADR 0019.
 */
import { COMPONENT_KEYS, SD_KEYS, type ComponentKey, type TComponents, type TSdComponents } from '../../../shared/schemas/standards.js';
import { cleanText, hasContent } from '../../../shared/schemas/standards-markup.js';

export { COMPONENT_KEYS, SD_KEYS };

/** Whether one component holds what a citizen or an assessor needs. */
export function isFilled(c: TComponents, key: ComponentKey): boolean {
  switch (key) {
    case 'persyaratan':
    case 'prosedur':
    case 'produk':
      return Array.isArray(c[key]) && c[key]!.some((s) => s.trim() !== '');
    case 'jangka_waktu':
      return !!c.jangka_waktu && c.jangka_waktu.value > 0;
    case 'biaya':
      return !!c.biaya && c.biaya.legalBasis.trim() !== '' && (c.biaya.kind === 'gratis' || c.biaya.amount > 0);
    case 'penanganan_pengaduan':
      return Array.isArray(c.penanganan_pengaduan) && c.penanganan_pengaduan.some((ch) => ch.value.trim() !== '');
    default:
      return hasContent(c[key]);
  }
}

/** Component keys still empty, in the order of Pasal 21. */
export function missingComponents(c: TComponents): ComponentKey[] {
  return COMPONENT_KEYS.filter((k) => !isFilled(c, k));
}

/**
 * Merges a patch into the stored components: a key sent replaces the stored one; an empty
 * list or empty text removes it. Items are trimmed, control characters dropped.
 */
export function mergeComponents(stored: TComponents, patch: TComponents): TComponents {
  const out: Record<string, unknown> = { ...stored };
  for (const [k, v] of Object.entries(patch) as Array<[ComponentKey, unknown]>) {
    if (v === undefined) continue;
    let value: unknown = v;
    if (typeof v === 'string') value = cleanText(v).trim();
    else if (Array.isArray(v)) {
      value = v
        .map((item) => (typeof item === 'string' ? cleanText(item).trim() : { ...item, value: cleanText(item.value).trim() }))
        .filter((item) => (typeof item === 'string' ? item !== '' : item.value !== ''));
    } else if (v && typeof v === 'object' && 'legalBasis' in v) {
      value = { ...(v as object), legalBasis: cleanText((v as { legalBasis: string }).legalBasis).trim() };
    }
    if (value === '' || (Array.isArray(value) && value.length === 0)) delete out[k];
    else out[k] = value;
  }
  return out as TComponents;
}

/** Only the service-delivery components: what the public page and the poster show. */
export function publicComponents(c: TComponents): TSdComponents {
  const out: Record<string, unknown> = {};
  for (const k of SD_KEYS) if (c[k] !== undefined) out[k] = c[k];
  return out as TSdComponents;
}
