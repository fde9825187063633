/**
 * Messages of the notifications module (keys prefixed 'notifications.'): the texts of the
 * e-mails / WhatsApp / SMS messages (plain text; `{name}` placeholders are filled with
 * cleaned plain-text parameters by modules/notifications/templates.ts) and the admin
 * outbox screens.
 */
import { defineMessages } from './define.js';

export const notificationsMessages = defineMessages({
  id: {
    'notifications.title': 'Notifikasi',
    'notifications.retryNotFailed': 'Hanya notifikasi yang gagal yang dapat dikirim ulang.',

    'notifications.complaint.received.subject': 'Laporan {code} telah diterima',
    'notifications.complaint.received.body':
      'Terima kasih. Laporan Anda "{title}" telah kami terima dengan kode pelacakan {code}.\nSimpan kode ini untuk memantau perkembangan laporan Anda.',
    'notifications.reporterKey':
      'Kunci pelapor Anda: {key}\nSimpan dan rahasiakan kunci ini: hanya dengan kunci ini (atau tautan di bawah) Anda dapat mengonfirmasi, menyanggah, atau menambah informasi laporan Anda.',
    'notifications.complaint.status_changed.subject': 'Laporan {code}: {status}',
    'notifications.complaint.status_changed.body': 'Status laporan Anda "{title}" (kode {code}) kini: {status}.',
    'notifications.complaint.resolved.subject': 'Laporan {code} telah selesai ditindaklanjuti',
    'notifications.complaint.resolved.body':
      'Laporan Anda "{title}" (kode {code}) dinyatakan selesai ditindaklanjuti.\nMohon konfirmasi apakah masalahnya sudah teratasi dan beri penilaian 1–5 melalui tautan di bawah. Bila tidak ada tanggapan, laporan ditutup otomatis.',
    'notifications.opd.new_case.subject': 'Laporan baru {code} untuk {opd}',
    'notifications.opd.new_case.body': 'Laporan baru didisposisikan ke {opd}: "{title}" (kode {code}).\nBatas waktu: {due}.',
    'notifications.standards.review_due.subject': 'Standar pelayanan perlu ditinjau: {service}',
    'notifications.standards.review_due.body': 'Standar pelayanan "{service}" di {unit} (versi {version}, diterbitkan {published}) sudah waktunya ditinjau ulang secara berkala dan kini berstatus "dalam peninjauan". Mohon tinjau bersama masyarakat, lalu selesaikan peninjauan atau susun revisinya.',
    'notifications.skm.followup_overdue.subject': 'Tindak lanjut SKM lewat batas waktu: {unit}',
    'notifications.skm.followup_overdue.body': 'Rencana tindak lanjut hasil survei kepuasan masyarakat untuk {unit} (unsur {unsur}) — "{action}" — melewati batas waktu {due} dan belum selesai. Mohon perbarui statusnya dan lampirkan buktinya.',
    'notifications.link.skm': 'Buka survei kepuasan: {link}',
    'notifications.link.standards': 'Buka standar pelayanan: {link}',
    'notifications.calendar.next_year_missing.subject': 'Libur nasional dan cuti bersama {year} belum dimuat',
    'notifications.calendar.next_year_missing.body': 'Kalender hari kerja {tenant} belum memuat libur nasional dan cuti bersama tahun {year} (SKB 3 Menteri). Sampai dimuat, tenggat yang dihitung sampai tahun {year} bersifat sementara: hanya akhir pekan, hari libur bertanggal tetap dan hari libur daerah yang dilewati. Muat daftarnya lewat formulir impor di halaman kalender; tenggat yang sementara akan dihitung ulang.',
    'notifications.link.calendar': 'Buka formulir impor kalender: {link}',
    'notifications.opd.reminder.subject': 'Pengingat batas waktu laporan {code}',
    'notifications.opd.reminder.body': 'Laporan "{title}" (kode {code}) akan mencapai batas waktu pada {due}. Mohon segera ditindaklanjuti.',
    'notifications.opd.escalated.subject': 'Laporan {code} melewati batas waktu',
    'notifications.opd.escalated.body':
      'Laporan "{title}" (kode {code}) telah melewati batas waktu ({due}) dan dieskalasi ke tingkat {level}.',
    'notifications.leader.escalated.subject': 'Eskalasi laporan {code} ({opd})',
    'notifications.leader.escalated.body':
      'Laporan "{title}" (kode {code}) yang ditangani {opd} telah melewati batas waktu ({due}) dan dieskalasi kepada Anda (tingkat {level}).',
    'notifications.opd.daily_digest.subject': 'Ringkasan harian {opd}: {new} baru, {dueSoon} segera jatuh tempo, {overdue} terlambat',
    'notifications.opd.daily_digest.body':
      'Ringkasan laporan {opd} per {date}:\n- Baru masuk (24 jam terakhir): {new}\n- Segera jatuh tempo (48 jam ke depan): {dueSoon}\n- Melewati batas waktu: {overdue}',
    'notifications.digest.section.overdue': 'Melewati batas waktu:',
    'notifications.digest.section.due_soon': 'Segera jatuh tempo:',
    'notifications.digest.section.new': 'Baru masuk:',
    'notifications.digest.line': '- {code} {title} (batas waktu: {due})',
    'notifications.digest.more': '- … dan {n} laporan lainnya',

    'notifications.test.subject': 'Uji pengiriman e-mail Prima',
    'notifications.test.body': 'Pesan ini menguji pengaturan e-mail Prima (SMTP_URL, MAIL_FROM). Jika Anda menerimanya, pengiriman e-mail berfungsi.',
    'notifications.note': 'Catatan: {note}',
    'notifications.link.track': 'Pantau laporan Anda: {link}',
    'notifications.link.case': 'Buka kasus: {link}',
    'notifications.link.inbox': 'Buka kotak masuk OPD: {link}',
    'notifications.noDue': 'belum ditentukan',
    'notifications.footer': 'Pesan ini dikirim otomatis oleh Prima — {tenant}. Mohon tidak membalas pesan ini.',

    'notifications.status.received': 'diterima',
    'notifications.status.held': 'ditunda, menunggu kelengkapan informasi',
    'notifications.status.verified': 'terverifikasi',
    'notifications.status.rejected': 'ditolak',
    'notifications.status.archived': 'diarsipkan',
    'notifications.status.routed': 'diteruskan ke OPD',
    'notifications.status.accepted': 'diterima OPD',
    'notifications.status.in_progress': 'sedang ditindaklanjuti',
    'notifications.status.resolved': 'selesai ditindaklanjuti',
    'notifications.status.closed': 'ditutup',
    'notifications.status.merged': 'digabung dengan laporan lain',
  },
  en: {
    'notifications.title': 'Notifications',
    'notifications.retryNotFailed': 'Only failed notifications can be retried.',

    'notifications.complaint.received.subject': 'Report {code} received',
    'notifications.complaint.received.body':
      'Thank you. We have received your report "{title}" under tracking code {code}.\nKeep this code to follow the progress of your report.',
    'notifications.reporterKey':
      'Your reporter key: {key}\nKeep it secret: only with this key (or the link below) can you confirm, dispute or add information to your report.',
    'notifications.complaint.status_changed.subject': 'Report {code}: {status}',
    'notifications.complaint.status_changed.body': 'The status of your report "{title}" (code {code}) is now: {status}.',
    'notifications.complaint.resolved.subject': 'Report {code} has been resolved',
    'notifications.complaint.resolved.body':
      'Your report "{title}" (code {code}) has been marked as resolved.\nPlease confirm whether the problem is solved and rate the handling from 1 to 5 using the link below. Without an answer the report is closed automatically.',
    'notifications.opd.new_case.subject': 'New report {code} for {opd}',
    'notifications.opd.new_case.body': 'A new report was routed to {opd}: "{title}" (code {code}).\nDeadline: {due}.',
    'notifications.standards.review_due.subject': 'Service standard due for review: {service}',
    'notifications.standards.review_due.body': 'The service standard "{service}" at {unit} (version {version}, published {published}) is due for its periodic review and is now "under review". Please review it with the public, then complete the review or draft a revision.',
    'notifications.skm.followup_overdue.subject': 'SKM follow-up overdue: {unit}',
    'notifications.skm.followup_overdue.body': 'The follow-up planned after the public satisfaction survey for {unit} (element {unsur}) — "{action}" — passed its due date {due} and is not done. Please update its status and attach the evidence.',
    'notifications.link.skm': 'Open the satisfaction surveys: {link}',
    'notifications.link.standards': 'Open the service standards: {link}',
    'notifications.calendar.next_year_missing.subject': 'National holidays and cuti bersama of {year} are not loaded',
    'notifications.calendar.next_year_missing.body': "The working-day calendar of {tenant} does not yet hold the national holidays and cuti bersama of {year} (the SKB of three ministers). Until they are loaded, deadlines counted into {year} are provisional: only weekends, fixed-date holidays and regional days off are skipped. Load the list with the import form on the calendar page; provisional deadlines will then be recomputed.",
    'notifications.link.calendar': 'Open the calendar import form: {link}',
    'notifications.opd.reminder.subject': 'Deadline reminder for report {code}',
    'notifications.opd.reminder.body': 'Report "{title}" (code {code}) reaches its deadline at {due}. Please act on it soon.',
    'notifications.opd.escalated.subject': 'Report {code} is overdue',
    'notifications.opd.escalated.body': 'Report "{title}" (code {code}) missed its deadline ({due}) and was escalated to level {level}.',
    'notifications.leader.escalated.subject': 'Escalation of report {code} ({opd})',
    'notifications.leader.escalated.body':
      'Report "{title}" (code {code}) handled by {opd} missed its deadline ({due}) and was escalated to you (level {level}).',
    'notifications.opd.daily_digest.subject': 'Daily summary {opd}: {new} new, {dueSoon} due soon, {overdue} overdue',
    'notifications.opd.daily_digest.body':
      'Summary of the reports of {opd} as of {date}:\n- New (last 24 hours): {new}\n- Due soon (next 48 hours): {dueSoon}\n- Overdue: {overdue}',
    'notifications.digest.section.overdue': 'Overdue:',
    'notifications.digest.section.due_soon': 'Due soon:',
    'notifications.digest.section.new': 'New:',
    'notifications.digest.line': '- {code} {title} (deadline: {due})',
    'notifications.digest.more': '- … and {n} more reports',

    'notifications.test.subject': 'Prima e-mail delivery test',
    'notifications.test.body': "This message tests Prima's e-mail settings (SMTP_URL, MAIL_FROM). If you received it, e-mail delivery works.",
    'notifications.note': 'Note: {note}',
    'notifications.link.track': 'Follow your report: {link}',
    'notifications.link.case': 'Open the case: {link}',
    'notifications.link.inbox': 'Open the OPD inbox: {link}',
    'notifications.noDue': 'not set',
    'notifications.footer': 'This message was sent automatically by Prima — {tenant}. Please do not reply.',

    'notifications.status.received': 'received',
    'notifications.status.held': 'on hold, waiting for more information',
    'notifications.status.verified': 'verified',
    'notifications.status.rejected': 'rejected',
    'notifications.status.archived': 'archived',
    'notifications.status.routed': 'forwarded to the agency (OPD)',
    'notifications.status.accepted': 'accepted by the agency (OPD)',
    'notifications.status.in_progress': 'being handled',
    'notifications.status.resolved': 'resolved',
    'notifications.status.closed': 'closed',
    'notifications.status.merged': 'merged with another report',
  },
});
