/**
 * The questionnaire as an accessible form: a fieldset with a legend per unsur and one
 * radio button per answer (1 → 4, labels from the questionnaire), the optional respondent
 * profile, and the suggestion. Native controls only, so the keyboard, screen readers and
 * old phones all work without help.
 */
import { h } from './dom.js';
import { t } from './i18n.js';
import { AGE_MAX, AGE_MIN, SUGGESTION_MAX, type SurveyAnswer, type SurveyForm } from './types.js';

const SCALE = [1, 2, 3, 4] as const;

function select(id: string, label: string, name: string, options: Array<[value: string, text: string]>) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('select', { id, name },
      h('option', { value: '' }, t('skmSurvey.choose')),
      options.map(([value, text]) => h('option', { value }, text))));
}

function sexLabel(code: string): string {
  return code === 'L' ? t('skmSurvey.sex.L') : code === 'P' ? t('skmSurvey.sex.P') : code;
}

export function renderForm(form: SurveyForm, onSubmit: (el: HTMLFormElement) => void): HTMLFormElement {
  const unsur = form.questionnaire.unsur.map((u, i) =>
    h('fieldset', { class: 'unsur' },
      h('legend', null, t('skmSurvey.unsurLegend', { number: i + 1, name: u.name })),
      h('div', { class: 'scale' },
        // The label wraps its radio: the whole row is the tap target.
        SCALE.map((v) =>
          h('label', { class: 'opt' },
            h('input', { type: 'radio', id: `u-${u.key}-${v}`, name: `u:${u.key}`, value: v }),
            h('span', { class: 'num', 'aria-hidden': 'true' }, v),
            h('span', null, u.options[v - 1] ?? String(v)))))));

  const profile = h('fieldset', { class: 'profile' },
    h('legend', null, t('skmSurvey.profile')),
    h('fieldset', { class: 'inline' },
      h('legend', null, t('skmSurvey.sex')),
      form.sexOptions.map((s) =>
        h('label', { class: 'opt' }, h('input', { type: 'radio', id: `sex-${s}`, name: 'sex', value: s }), h('span', null, sexLabel(s))))),
    h('div', { class: 'field' },
      h('label', { for: 'age' }, t('skmSurvey.age')),
      h('input', { id: 'age', name: 'age', type: 'number', inputmode: 'numeric', min: AGE_MIN, max: AGE_MAX, step: 1, autocomplete: 'off' })),
    select('education', t('skmSurvey.education'), 'education', form.educationOptions.map((o) => [o, o])),
    select('occupation', t('skmSurvey.occupation'), 'occupation', form.occupationOptions.map((o) => [o, o])),
    form.services.length ? select('service', t('skmSurvey.service'), 'serviceId', form.services.map((s) => [s.id, s.name])) : null);

  const el = h('form', { class: 'survey-form', novalidate: true, 'aria-labelledby': 'survey-title', autocomplete: 'off' },
    h('div', { id: 'form-error', class: 'alert', role: 'alert', tabindex: -1, hidden: true }),
    h('section', { 'aria-labelledby': 'q-title' },
      h('h2', { id: 'q-title' }, t('skmSurvey.questions')),
      h('p', { class: 'hint' }, t('skmSurvey.questionsHint')),
      unsur),
    profile,
    h('div', { class: 'field' },
      h('label', { for: 'suggestion' }, t('skmSurvey.suggestion')),
      h('p', { id: 'suggestion-hint', class: 'hint' }, t('skmSurvey.suggestionHint')),
      h('textarea', { id: 'suggestion', name: 'suggestion', rows: 3, maxlength: SUGGESTION_MAX, 'aria-describedby': 'suggestion-hint' })),
    h('button', { type: 'submit', class: 'btn primary' }, t('skmSurvey.submit')));
  el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    onSubmit(el);
  });
  return el;
}

/** Everything typed so far, to carry over a re-render (the language switch). */
export function snapshot(el: HTMLFormElement): Array<[string, string]> {
  return [...new FormData(el).entries()].map(([k, v]) => [k, String(v)]);
}

export function restore(el: HTMLFormElement, values: Array<[string, string]>): void {
  for (const [name, value] of values) {
    const controls = el.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(`[name="${CSS.escape(name)}"]`);
    for (const c of controls) {
      if (c instanceof HTMLInputElement && c.type === 'radio') c.checked = c.value === value;
      else c.value = value;
    }
  }
}

export type ReadResult = { ok: true; answer: Omit<SurveyAnswer, 'clientId' | 'answeredAt' | 'mode'> } | { ok: false; message: string; focus: string };

/** The form's values as the body of POST /public/skm/responses, or what to fix first. */
export function readForm(el: HTMLFormElement, form: SurveyForm): ReadResult {
  const data = new FormData(el);
  const answers: Record<string, number> = {};
  for (const u of form.questionnaire.unsur) {
    const v = Number(data.get(`u:${u.key}`));
    if (v >= 1 && v <= 4) answers[u.key] = v;
  }
  if (!Object.keys(answers).length) {
    return { ok: false, message: t('skmSurvey.error.noAnswer'), focus: `u-${form.questionnaire.unsur[0]?.key}-1` };
  }
  const profile: SurveyAnswer['profile'] = {};
  const sex = String(data.get('sex') ?? '');
  if (sex === 'L' || sex === 'P') profile.sex = sex;
  const ageText = String(data.get('age') ?? '').trim();
  if (ageText) {
    const age = Number(ageText);
    if (!Number.isInteger(age) || age < AGE_MIN || age > AGE_MAX) return { ok: false, message: t('skmSurvey.error.age'), focus: 'age' };
    profile.age = age;
  }
  for (const k of ['education', 'occupation', 'serviceId'] as const) {
    const v = String(data.get(k) ?? '');
    // The server checks the values against its lists (SkmEducation, SkmOccupation).
    if (v) (profile as Record<string, string>)[k] = v;
  }
  const suggestion = String(data.get('suggestion') ?? '').trim();
  if (suggestion.length > SUGGESTION_MAX) {
    return { ok: false, message: t('skmSurvey.error.suggestion', { max: SUGGESTION_MAX }), focus: 'suggestion' };
  }
  return {
    ok: true,
    answer: {
      unitId: form.unit.id,
      questionnaireId: form.questionnaire.id,
      // The counter and officer the server recognised for this link (an unknown code is
      // dropped by the form endpoint rather than failing every answer later).
      ...(form.counter ? { loket: form.counter.code } : {}),
      ...(form.officerCode ? { petugas: form.officerCode } : {}),
      answers,
      profile,
      ...(suggestion ? { suggestion } : {}),
    },
  };
}
