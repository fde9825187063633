/**
 * Reports filed or followed from this device, newest first, with their reporter keys
 * (ADR 0027): the key is the only proof that lets a citizen confirm, dispute or add
 * information, so the phone keeps it beside the code — shown once at filing, or read from
 * the '#kunci=' part of a link in a message to the reporter. localStorage only: it never
 * leaves the phone except as the X-Reporter-Key header of the reporter's own requests.
 */
const MINE_KEY = 'prima.myReports';
const MAX_KEPT = 20;

export interface MyReport {
  code: string;
  title: string;
  at: string;
  /** The reporter key, when this device holds it. */
  key?: string;
}

export function myReports(): MyReport[] {
  try {
    const list = JSON.parse(localStorage.getItem(MINE_KEY) ?? '[]') as MyReport[];
    return Array.isArray(list) ? list.filter((x) => typeof x?.code === 'string') : [];
  } catch {
    return [];
  }
}

function save(list: MyReport[]): void {
  try {
    localStorage.setItem(MINE_KEY, JSON.stringify(list.slice(0, MAX_KEPT)));
  } catch {
    /* storage unavailable: the citizen still has the code and key on screen */
  }
}

/** Remembers a report (a new one first; an existing one keeps its key unless a new key is given). */
export function rememberReport(r: MyReport): void {
  const list = myReports();
  const old = list.find((x) => x.code === r.code);
  save([{ ...old, ...r, key: r.key ?? old?.key }, ...list.filter((x) => x.code !== r.code)]);
}

/** Keeps a key for a code already in the list, or adds the code with it. */
export function rememberReporterKey(code: string, key: string, title = ''): void {
  const old = myReports().find((x) => x.code === code);
  rememberReport({ code, title: old?.title || title, at: old?.at ?? new Date().toISOString(), key });
}

export function reporterKeyOf(code: string): string | undefined {
  return myReports().find((x) => x.code === code.toUpperCase())?.key;
}

/** Reads a key from a message link's fragment ('#kunci=K7QM-…'), or null. */
export function keyFromHash(hash: string): string | null {
  const m = /(?:^#|&)kunci=([^&]+)/.exec(hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!).trim().toUpperCase() || null;
  } catch {
    return null;
  }
}
