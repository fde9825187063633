/**
 * Laporan SKM (PDF) of one unit and period, with the sections of DOMAIN.md §1: introduction
 * and legal basis, method, respondent profile, NRR per unsur (bar chart drawn with vector
 * shapes), IKM and grade, weakest unsur, follow-up plan, the questionnaire. pdfkit,
 * built-in Helvetica (no font files).
 */
import PDFDocument from 'pdfkit';
import { t, type Locale, type MessageKey } from '../../../shared/i18n/index.js';
import type { TSkmFollowup, TSkmResults } from '../../../shared/schemas/skm.js';
import type { Questionnaire } from './questionnaire-service.js';
import { formatWeight } from './ikm.js';
import { pdfToBuffer } from './qr.js';

export interface ReportInput {
  tenantName: string;
  results: TSkmResults;
  followups: TSkmFollowup[];
  questionnaire: Questionnaire;
  locale: Locale;
  generatedOn: string;
}

const fmt = (v: number | null | undefined, d = 2) => (v == null ? '–' : v.toFixed(d).replace('.', ','));
const BLUE = '#0b3d66';

export async function reportPdf(p: ReportInput): Promise<Buffer> {
  const L = (k: MessageKey, params?: Record<string, string | number>) => t(p.locale, k, params);
  const r = p.results;
  const unit = r.unit!;
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${L('skm.report.title')} — ${unit.name} — ${r.period.label}`, Author: p.tenantName } });
  const done = pdfToBuffer(doc);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const heading = (k: MessageKey) => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(BLUE).text(L(k), left, doc.y, { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(10.5).fillColor('#000');
  };
  const para = (s: string) => doc.font('Helvetica').fontSize(10.5).fillColor('#000').text(s, left, doc.y, { width, align: 'justify' }).moveDown(0.3);

  // Title
  doc.font('Helvetica-Bold').fontSize(16).fillColor(BLUE).text(L('skm.report.title'), { align: 'center', width });
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(13).fillColor('#000').text(unit.name, { align: 'center', width });
  doc.font('Helvetica').fontSize(11).text(`${unit.opdName} — ${p.tenantName}`, { align: 'center', width });
  doc.text(r.period.label, { align: 'center', width });

  heading('skm.report.section.intro');
  para(L('skm.report.intro', { unit: unit.name, opd: unit.opdName }));
  para(L('skm.report.legal'));

  heading('skm.report.section.method');
  para(L('skm.report.scope', { unit: unit.name, period: r.period.label, from: r.period.startsOn, to: r.period.endsOn }));
  para(
    r.sample.population != null
      ? L('skm.report.sample', { population: r.sample.population, required: r.sample.required ?? '–', respondents: r.respondents })
      : L('skm.report.sampleUnknown', { respondents: r.respondents }),
  );
  if (r.sample.adequate === false) doc.font('Helvetica-Bold').fillColor('#b00020').text(L('skm.sampleShort'), left, doc.y, { width }).fillColor('#000').moveDown(0.3);
  para(L('skm.report.processing', { excluded: r.excluded }));

  heading('skm.report.section.profile');
  const dims: Array<[MessageKey, TSkmResults['breakdowns']['sex']]> = [
    ['skm.report.sex', r.breakdowns.sex], ['skm.report.ageBand', r.breakdowns.ageBand], ['skm.report.education', r.breakdowns.education], ['skm.report.occupation', r.breakdowns.occupation],
  ];
  for (const [label, rows] of dims) {
    if (doc.y > doc.page.height - 120) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10.5).text(L(label), left, doc.y);
    const total = rows.reduce((s, x) => s + x.respondents, 0) || 1;
    for (const x of rows) {
      const y = doc.y + 2;
      doc.font('Helvetica').fontSize(9.5).fillColor('#000').text(x.value ?? L('skm.report.unknown'), left + 10, y, { width: 110 });
      const bw = ((width - 230) * x.respondents) / total;
      doc.rect(left + 125, y, Math.max(bw, 0.5), 9).fill('#6b8fb3');
      doc.fillColor('#000').text(`${x.respondents} (${fmt((100 * x.respondents) / total, 1)}%)`, left + 130 + bw, y, { width: 100 });
      doc.y = y + 12;
    }
    doc.moveDown(0.4);
  }

  heading('skm.report.section.nrr');
  if (doc.y > doc.page.height - (40 + r.nrr.length * 20)) doc.addPage();
  const chartX = left + 170;
  const chartW = width - 220;
  let y = doc.y + 4;
  // axis 1..4
  for (let v = 1; v <= 4; v++) {
    const x = chartX + ((v - 1) / 3) * chartW;
    doc.moveTo(x, y).lineTo(x, y + r.nrr.length * 20).lineWidth(0.3).strokeColor('#bbbbbb').stroke();
    doc.font('Helvetica').fontSize(8).fillColor('#555').text(String(v), x - 3, y + r.nrr.length * 20 + 2);
  }
  const weakest = new Set(r.weakest.map((w) => w.key));
  for (const n of r.nrr) {
    doc.font('Helvetica').fontSize(9).fillColor('#000').text(n.name, left, y + 3, { width: 165, height: 18, ellipsis: true });
    const val = n.value ?? 1;
    const bw = Math.max(((val - 1) / 3) * chartW, 1);
    doc.rect(chartX, y + 3, bw, 12).fill(weakest.has(n.key) ? '#c0392b' : BLUE);
    doc.fillColor('#000').fontSize(9).text(fmt(n.value, 3), chartX + bw + 4, y + 4);
    y += 20;
  }
  doc.y = y + 16;

  heading('skm.report.section.ikm');
  if (r.ikm == null) para(L('skm.report.noData'));
  else {
    doc.font('Helvetica-Bold').fontSize(22).fillColor(BLUE).text(`${fmt(r.converted)}  (${r.mutu})`, left, doc.y, { width, align: 'center' });
    doc.font('Helvetica-Bold').fontSize(12).fillColor('#000').text(r.kinerja ?? '', { width, align: 'center' }).moveDown(0.3);
    para(L('skm.report.ikm', { ikm: fmt(r.ikm, 4), converted: fmt(r.converted), mutu: r.mutu ?? '–', kinerja: r.kinerja ?? '–' }));
  }

  heading('skm.report.section.weakest');
  para(r.weakest.length ? L('skm.report.weakest', { names: r.weakest.map((w) => `${w.name} (${fmt(w.value, 3)})`).join(', ') }) : L('skm.report.noData'));

  heading('skm.report.section.followup');
  if (!p.followups.length) para(L('skm.report.noFollowup'));
  for (const f of p.followups) {
    if (doc.y > doc.page.height - 90) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10).text(`${f.unsurName}: ${f.action}`, left, doc.y, { width });
    doc.font('Helvetica').fontSize(9.5).text(`${L('skm.report.owner')}: ${f.owner} · ${L('skm.report.due')}: ${f.dueOn} · ${L('skm.report.status')}: ${f.status}`, { width }).moveDown(0.3);
  }

  heading('skm.report.section.questionnaire');
  for (const u of p.questionnaire.unsur) {
    if (doc.y > doc.page.height - 90) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(10).text(`${u.position}. ${u.name}  (${L('skm.report.weight')} ${formatWeight(u.weight)})`, left, doc.y, { width });
    doc.font('Helvetica').fontSize(9.5).text(u.options.map((o, i) => `${i + 1} = ${o}`).join(' · '), { width }).moveDown(0.3);
  }
  doc.moveDown(1).font('Helvetica').fontSize(8).fillColor('#666').text(L('skm.report.generated', { date: p.generatedOn }), left, doc.y, { width, align: 'right' });
  doc.end();
  return done;
}
