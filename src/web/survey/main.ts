/**
 * The citizen's satisfaction survey (issue #4), opened from the QR code at a counter:
 * `/survei/{unitId}?loket=CODE&petugas=CODE[&kiosk=1]`. Its own bundle (survey.html), no
 * React, so it loads fast on a cheap phone over a weak network. Views: loading → form →
 * thank-you (→ form again; in kiosk mode by itself after a few seconds, leaving nothing of
 * the last respondent on screen). Answers go through the device's outbox (queue.ts).
 */
import { h, mount } from './dom.js';
import { getLocale, setLocale, t } from './i18n.js';
import { loadForm, parseLink, type FormLoad } from './load.js';
import { readForm, renderForm, restore, snapshot } from './form.js';
import { Outbox, newClientId, type SendFn } from './queue.js';
import type { SurveyForm } from './types.js';
import './survey.css';

/** Seconds the kiosk shows its thank-you before clearing the form for the next person. */
const KIOSK_RESET_S = 8;
/** How long Kirim waits for the server before thanking with "kept on the device". */
const SUBMIT_WAIT_MS = 4_000;

const root = document.getElementById('app')!;
const link = parseLink(location);
let loaded: FormLoad | null = null;
let view: 'form' | 'thanks' = 'form';
let lastQueued = false;
let resetTimer: ReturnType<typeof setInterval> | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

const send: SendFn = async (url, body) => {
  // No cookies: the survey is anonymous, and a staff session on a kiosk tablet must not
  // turn this public write into a CSRF-checked one.
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': getLocale() },
    body: JSON.stringify(body),
    credentials: 'omit',
  });
  let message: string | undefined;
  if (!res.ok) message = ((await res.json().catch(() => null)) as { message?: string } | null)?.message;
  return { status: res.status, message };
};

const outbox = new Outbox(localStorage, send, () => Date.now(), () => renderQueueStatus());

/** Sends what is due and plans the next attempt for what is left. */
function flush(force: boolean): Promise<void> {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
  if (navigator.onLine === false) {
    renderQueueStatus();
    return Promise.resolve();
  }
  return outbox.flush(force).then(() => {
    const due = outbox.nextDue();
    if (due !== null) retryTimer = setTimeout(() => void flush(false), Math.max(1_000, due - Date.now()));
  });
}

function languageButton() {
  const other = getLocale() === 'id' ? 'en' : 'id';
  return h('button', {
    type: 'button',
    class: 'btn link lang',
    lang: other,
    onclick: () => {
      setLocale(other);
      rerender();
      root.querySelector<HTMLButtonElement>('.lang')?.focus();
    },
  }, t('skmSurvey.lang.switch'));
}

function header(form: SurveyForm | null) {
  return h('header', { class: 'top' },
    h('div', { class: 'top-row' },
      h('p', { class: 'tenant' }, form?.tenantName ?? ''),
      languageButton()),
    h('h1', { id: 'survey-title', tabindex: -1 }, t('skmSurvey.title')),
    form ? h('p', { class: 'unit' }, h('strong', null, form.unit.name), h('br'), form.unit.opdName) : null,
    form?.counter || form?.officerCode
      ? h('p', { class: 'meta' },
        form.counter ? t('skmSurvey.counter', { name: form.counter.name }) : null,
        form.counter && form.officerCode ? ' · ' : null,
        form.officerCode ? t('skmSurvey.officer', { code: form.officerCode }) : null)
      : null);
}

/** "x jawaban menunggu dikirim" (a live region that stays put, so changes are announced). */
function pendingContent() {
  const pending = outbox.pending().length;
  return pending
    ? h('p', { class: 'pending' }, t('skmSurvey.pending', { count: pending }), ' ',
      h('button', { type: 'button', class: 'btn link', onclick: () => void flush(true) }, t('skmSurvey.sendNow')))
    : null;
}

/** The answers the server refused for good. */
function failedContent() {
  const failed = outbox.failed();
  return failed.length
    ? h('div', { class: 'alert' },
      h('p', null, t('skmSurvey.failed', { count: failed.length })),
      h('ul', null, failed.map((f) => h('li', null, t('skmSurvey.failedItem', {
        time: new Date(f.queuedAt).toLocaleString(getLocale() === 'id' ? 'id-ID' : 'en-GB'),
        message: f.message,
      })))),
      h('button', { type: 'button', class: 'btn link', onclick: () => outbox.clearFailed() }, t('skmSurvey.failedDismiss')))
    : null;
}

function queueStatus() {
  return h('div', { class: 'queue' },
    h('div', { id: 'queue-pending', role: 'status', 'aria-live': 'polite' }, pendingContent()),
    h('div', { id: 'queue-failed' }, failedContent()));
}

function renderQueueStatus(): void {
  const pending = document.getElementById('queue-pending');
  const failed = document.getElementById('queue-failed');
  if (pending) mount(pending, pendingContent());
  if (failed) mount(failed, failedContent());
}

function showError(formEl: HTMLFormElement, message: string, focusId: string): void {
  const box = formEl.querySelector<HTMLElement>('#form-error')!;
  box.textContent = message;
  box.hidden = false;
  document.getElementById(focusId)?.focus();
}

async function submit(formEl: HTMLFormElement, form: SurveyForm): Promise<void> {
  const read = readForm(formEl, form);
  if (!read.ok) return showError(formEl, read.message, read.focus);
  const answer = { ...read.answer, clientId: newClientId(), answeredAt: new Date().toISOString(), mode: link.kiosk ? ('kiosk' as const) : ('online' as const) };
  // Queued first: whatever happens to the request now, the answer is kept on the device.
  outbox.enqueue(`${link.api}/public/skm/responses`, answer);
  const button = formEl.querySelector<HTMLButtonElement>('button[type=submit]');
  if (button) button.disabled = true;
  // Wait briefly for the first attempt, so the thank-you says whether it arrived; a slow
  // network gets the "kept on the device" message and the outbox carries on.
  await Promise.race([flush(true), new Promise((resolve) => setTimeout(resolve, SUBMIT_WAIT_MS))]);
  const refused = outbox.failed().find((f) => f.clientId === answer.clientId);
  if (refused) {
    // The server refused this answer for good (a bad value): say why, keep the form filled.
    outbox.forgetFailed(answer.clientId);
    if (button) button.disabled = false;
    return showError(formEl, refused.message, 'form-error');
  }
  lastQueued = outbox.pending().some((q) => q.clientId === answer.clientId);
  view = 'thanks';
  render();
  root.querySelector<HTMLElement>('#thanks-title')?.focus();
}

function nextRespondent(): void {
  if (resetTimer) clearInterval(resetTimer);
  resetTimer = null;
  view = 'form';
  render();
  window.scrollTo(0, 0);
  root.querySelector<HTMLElement>('#survey-title')?.focus();
}

function thanks() {
  const kioskNote = link.kiosk ? h('p', { class: 'hint', id: 'kiosk-note' }, t('skmSurvey.kiosk.reset', { seconds: KIOSK_RESET_S })) : null;
  return h('section', { class: 'thanks', 'aria-labelledby': 'thanks-title' },
    h('h2', { id: 'thanks-title', tabindex: -1 }, t('skmSurvey.thanks.title')),
    h('p', null, lastQueued ? t('skmSurvey.thanks.queued') : t('skmSurvey.thanks.sent')),
    kioskNote,
    h('button', { type: 'button', class: 'btn primary', onclick: nextRespondent }, link.kiosk ? t('skmSurvey.kiosk.next') : t('skmSurvey.again')),
    // A kiosk stays on the survey; a respondent's own phone may look at the results.
    link.kiosk ? null : h('p', { class: 'results-link' }, h('a', { href: `${link.api.replace(/\/api\/v1$/, '')}/ikm` }, t('skmSurvey.results'))));
}

function startKioskCountdown(): void {
  if (!link.kiosk || resetTimer) return;
  let left = KIOSK_RESET_S;
  resetTimer = setInterval(() => {
    left -= 1;
    if (left <= 0) return nextRespondent();
    const note = document.getElementById('kiosk-note');
    if (note) note.textContent = t('skmSurvey.kiosk.reset', { seconds: left });
  }, 1_000);
}

function render(): void {
  document.title = t('skmSurvey.title');
  document.documentElement.lang = getLocale();
  if (!loaded) return mount(root, header(null), h('p', { role: 'status' }, t('skmSurvey.loading')));
  if (loaded.kind !== 'ok') {
    const message = !link.unitId ? t('skmSurvey.noUnit') : loaded.kind === 'unknown' ? t('skmSurvey.unitUnknown') : t('skmSurvey.noForm');
    return mount(root, header(null),
      h('div', { class: 'alert', role: 'alert' }, h('p', null, message)),
      loaded.kind === 'unavailable' ? h('button', { type: 'button', class: 'btn', onclick: () => void start() }, t('skmSurvey.retry')) : null,
      queueStatus());
  }
  const { form, fromCache } = loaded;
  const offline = fromCache || navigator.onLine === false;
  mount(root,
    header(form),
    offline ? h('p', { class: 'note' }, t('skmSurvey.offlineForm')) : null,
    queueStatus(),
    view === 'thanks' ? thanks() : [h('p', { class: 'intro' }, t('skmSurvey.intro')), renderForm(form, (el) => void submit(el, form))]);
  if (view === 'thanks') startKioskCountdown();
}

async function start(): Promise<void> {
  loaded = null;
  render();
  loaded = await loadForm(link);
  render();
}

/** Renders again keeping what is being typed (language switch, offline notice). */
function rerender(): void {
  const form = root.querySelector('form');
  const values = form ? snapshot(form) : [];
  const focused = document.activeElement?.id;
  render();
  const again = root.querySelector('form');
  if (again) restore(again, values);
  if (focused) document.getElementById(focused)?.focus();
}

window.addEventListener('online', () => {
  if (loaded?.kind === 'ok') loaded.fromCache = false;
  void flush(true);
  rerender();
});
window.addEventListener('offline', () => rerender());
// Another tab (a second survey open on the same device) changed the outbox.
window.addEventListener('storage', () => renderQueueStatus());

void start();
void flush(true);

// The page itself opens offline after the first visit (sw.ts); the survey works without it.
if ('serviceWorker' in navigator) {
  const scope = `${link.api.replace(/\/api\/v1$/, '')}/survei/`;
  navigator.serviceWorker.register(`${scope}sw.js`, { scope }).catch(() => undefined);
}
