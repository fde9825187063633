/**
 * The report being written, kept in localStorage after every keystroke so that a reload,
 * a lost connection or a closed tab loses nothing. The draft carries its own
 * Idempotency-Key, made once when the draft starts: every retry of the same draft sends
 * the same key, so the server files it once however many times the answer was lost.
 */
import type { AttachmentRef, ComplaintKind } from '../../api/complaints.js';

export interface Draft {
  /** Idempotency-Key of this draft (crypto.randomUUID, made once). */
  key: string;
  kind: ComplaintKind;
  title: string;
  description: string;
  categoryId: string;
  kecamatan: string;
  village: string;
  addressText: string;
  latitude: string;
  longitude: string;
  eventDate: string;
  attachments: AttachmentRef[];
  keepLocation: boolean;
  name: string;
  phone: string;
  email: string;
  wantsUpdates: boolean;
  isAnonymous: boolean;
  isConfidential: boolean;
}

/** One key per tenant prefix: two regions on one install keep separate drafts. */
export function draftStorageKey(basename: string): string {
  return `prima.reportDraft${basename ? `:${basename}` : ''}`;
}

function newKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Older browsers without randomUUID (it needs a secure context): random bytes in UUID form.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function emptyDraft(): Draft {
  return {
    key: newKey(),
    kind: 'pengaduan',
    title: '',
    description: '',
    categoryId: '',
    kecamatan: '',
    village: '',
    addressText: '',
    latitude: '',
    longitude: '',
    eventDate: '',
    attachments: [],
    keepLocation: false,
    name: '',
    phone: '',
    email: '',
    wantsUpdates: true,
    isAnonymous: false,
    isConfidential: false,
  };
}

export function loadDraft(storageKey: string): Draft {
  try {
    const raw = localStorage.getItem(storageKey);
    if (raw) {
      const saved = JSON.parse(raw) as Partial<Draft>;
      if (saved && typeof saved.key === 'string') return { ...emptyDraft(), ...saved, key: saved.key };
    }
  } catch {
    // Storage disabled or a damaged entry: start afresh.
  }
  return emptyDraft();
}

export function saveDraft(storageKey: string, draft: Draft): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(draft));
  } catch {
    // Private mode or full storage: the form still works, it just won't survive a reload.
  }
}

export function clearDraft(storageKey: string): void {
  try {
    localStorage.removeItem(storageKey);
  } catch {
    /* nothing to clear */
  }
}

/** True when the draft holds anything worth keeping. */
export function isDirty(d: Draft): boolean {
  return !!(d.title || d.description || d.attachments.length || d.name || d.phone || d.email);
}
