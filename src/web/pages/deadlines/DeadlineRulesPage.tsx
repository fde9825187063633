/**
 * /tenggat — the tenant's deadline rules (admin): every version of every stage of a report
 * and of the escalation ladder, with its legal source, and a form to add a version valid
 * from a date (rules are never edited, so past deadlines stay explainable). The escalation
 * steps count working days only (ADR 0024): for them the form offers no other choice, and
 * the server refuses it anyway.
 */
import { useState, type FormEvent } from 'react';
import { KINDS, RULE_STAGES, complaintsApi, isEscalationRule, type ComplaintKind, type DeadlineRule, type NewDeadlineRule, type RuleStage } from '../../api/complaints.js';
import { formatDate } from '../../app/format.js';
import { useI18n, type T } from '../../app/i18n.js';
import { useLoad } from '../../app/useLoad.js';
import { ErrorAlert, Loading, Notice, checkRequired, fieldErrorsOf } from '../../components/Alert.js';
import { SelectField, TextField } from '../../components/Field.js';
import { PageHeader } from '../../components/PageHeader.js';
import { Table, type Column } from '../../components/Table.js';

const stageLabel = (stage: RuleStage, t: T) => t(`complaints.web.deadlines.stage.${stage}` as 'complaints.web.deadlines.stage.verification');
const lengthLabel = (r: Pick<DeadlineRule, 'days' | 'dayType'>, t: T) =>
  t(r.dayType === 'working' ? 'complaints.web.deadlines.daysValue.working' : 'complaints.web.deadlines.daysValue.calendar', { days: r.days });

const EMPTY = { stage: 'escalation_sekda' as RuleStage, kind: '', categoryId: '', days: '', dayType: 'working' as 'working' | 'calendar', legalSource: '', validFrom: '' };

export function DeadlineRulesPage() {
  const { t, locale } = useI18n();
  const rules = useLoad(() => complaintsApi.deadlineRules(), []);
  const categories = useLoad(() => complaintsApi.staffCategories().catch(() => ({ items: [] })), []);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = fieldErrorsOf(error);
  const set = (k: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [k]: e.target.value }));
  const escalation = isEscalationRule(form.stage);
  const categoryName = (id: string | null) => (id ? categories.data?.items.find((c) => c.id === id)?.name ?? id : null);

  function chooseStage(e: { target: { value: string } }) {
    const stage = e.target.value as RuleStage;
    setForm((f) => ({ ...f, stage, dayType: isEscalationRule(stage) ? 'working' : f.dayType }));
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    const invalid = checkRequired(t, [
      ['days', form.days, t('complaints.web.deadlines.days')],
      ['legalSource', form.legalSource, t('complaints.web.deadlines.legalSource')],
      ['validFrom', form.validFrom, t('complaints.web.deadlines.validFrom')],
    ]);
    if (invalid) return setError(invalid);
    setBusy(true);
    setError(null);
    setAdded(null);
    try {
      const body: NewDeadlineRule = { stage: form.stage, days: Number(form.days), dayType: form.dayType, legalSource: form.legalSource.trim(), validFrom: form.validFrom };
      if (form.kind) body.kind = form.kind as ComplaintKind;
      if (form.categoryId) body.categoryId = form.categoryId;
      await complaintsApi.addDeadlineRule(body);
      setAdded(stageLabel(form.stage, t));
      setForm(EMPTY);
      rules.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const columns: Column<DeadlineRule>[] = [
    { header: t('complaints.web.deadlines.stage'), cell: (r) => stageLabel(r.stage, t) },
    {
      header: t('complaints.web.deadlines.appliesTo'),
      cell: (r) => [
        r.kind ? t(`web.complaint.kind.${r.kind}`) : t('complaints.web.deadlines.allKinds'),
        categoryName(r.categoryId) ?? t('complaints.web.deadlines.allCategories'),
      ].join(' · '),
    },
    { header: t('complaints.web.deadlines.length'), cell: (r) => lengthLabel(r, t) },
    { header: t('complaints.web.deadlines.validFrom'), cell: (r) => formatDate(r.validFrom, locale) },
    { header: t('complaints.web.deadlines.legalSource'), cell: (r) => <span className="break">{r.legalSource}</span> },
  ];
  const ordered = [...(rules.data?.items ?? [])].sort((a, b) => RULE_STAGES.indexOf(a.stage) - RULE_STAGES.indexOf(b.stage));

  return (
    <>
      <PageHeader title={t('complaints.web.deadlines.title')} lead={t('complaints.web.deadlines.lead')} />
      <section aria-labelledby="rules-list" className="section">
        <h2 id="rules-list">{t('complaints.web.deadlines.listTitle')}</h2>
        <ErrorAlert error={rules.error} />
        {rules.data ? (
          <Table
            caption={t('complaints.web.deadlines.listTitle')}
            columns={columns}
            rows={ordered}
            rowKey={(r) => r.id ?? `${r.stage}:${r.validFrom}`}
            empty={t('complaints.web.deadlines.empty')}
          />
        ) : rules.error ? null : <Loading />}
      </section>

      <section aria-labelledby="rules-add" className="section">
        <h2 id="rules-add">{t('complaints.web.deadlines.addTitle')}</h2>
        {added ? <Notice>{t('complaints.web.deadlines.added', { stage: added })}</Notice> : null}
        <ErrorAlert error={error} />
        <form className="form card" onSubmit={add} noValidate aria-labelledby="rules-add">
          <SelectField label={t('complaints.web.deadlines.stage')} hint={t('complaints.web.deadlines.stageHint')} value={form.stage} onChange={chooseStage} error={fields.stage}>
            {RULE_STAGES.map((s) => <option key={s} value={s}>{stageLabel(s, t)}</option>)}
          </SelectField>
          <SelectField label={t('complaints.web.deadlines.kind')} value={form.kind} onChange={set('kind')} error={fields.kind}>
            <option value="">{t('complaints.web.deadlines.allKinds')}</option>
            {KINDS.map((k) => <option key={k} value={k}>{t(`web.complaint.kind.${k}`)}</option>)}
          </SelectField>
          <SelectField label={t('complaints.web.deadlines.category')} value={form.categoryId} onChange={set('categoryId')} error={fields.categoryId}>
            <option value="">{t('complaints.web.deadlines.allCategories')}</option>
            {(categories.data?.items ?? []).map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </SelectField>
          <TextField
            label={t('complaints.web.deadlines.days')}
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            required
            value={form.days}
            onChange={set('days')}
            error={fields.days}
          />
          <SelectField
            label={t('complaints.web.deadlines.dayType')}
            hint={escalation ? t('complaints.web.deadlines.dayTypeEscalation') : undefined}
            value={form.dayType}
            onChange={set('dayType')}
            error={fields.dayType}
          >
            <option value="working">{t('complaints.web.deadlines.dayType.working')}</option>
            {escalation ? null : <option value="calendar">{t('complaints.web.deadlines.dayType.calendar')}</option>}
          </SelectField>
          <TextField
            label={t('complaints.web.deadlines.legalSource')}
            hint={t('complaints.web.deadlines.legalSourceHint')}
            required
            maxLength={500}
            value={form.legalSource}
            onChange={set('legalSource')}
            error={fields.legalSource}
          />
          <TextField label={t('complaints.web.deadlines.validFrom')} type="date" required value={form.validFrom} onChange={set('validFrom')} error={fields.validFrom} />
          <div className="form-actions">
            <button type="submit" className="btn btn--primary" disabled={busy}>{t('complaints.web.deadlines.add')}</button>
          </div>
        </form>
      </section>
    </>
  );
}
