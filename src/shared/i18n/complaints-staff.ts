/** Messages of the complaint desk (issue #3, B2; keys prefixed 'complaintsStaff.'). */
import { defineMessages } from './define.js';

export const complaintsStaffMessages = defineMessages({
  id: {
    'complaintsStaff.export.tooLarge': 'Ekspor ini berisi {count} laporan, lebih dari batas {limit} laporan per ekspor. Persempit saringan (tanggal, status, OPD).',
    'complaintsStaff.cursor.invalid': 'Penanda halaman tidak valid; muat ulang daftar dari awal.',
    'complaintsStaff.merge.invalidTarget': 'Laporan tujuan penggabungan harus laporan lain yang masih terbuka.',
    'complaintsStaff.escalation.notAllowed': 'Laporan ini tidak dapat dieskalasi: belum di OPD, sudah selesai, atau sudah sampai Bupati/Wali Kota.',
    'complaintsStaff.stats.unassigned': 'Belum ditentukan',
  },
  en: {
    'complaintsStaff.export.tooLarge': 'This export holds {count} reports, more than the {limit} allowed in one export. Narrow the filters (dates, status, OPD).',
    'complaintsStaff.cursor.invalid': 'The page marker is not valid; reload the list from the start.',
    'complaintsStaff.merge.invalidTarget': 'The report to merge into must be another report that is still open.',
    'complaintsStaff.escalation.notAllowed': 'This report cannot be escalated: it is not at an OPD, it is finished, or it has reached the Bupati/Mayor.',
    'complaintsStaff.stats.unassigned': 'Not assigned',
  },
});
