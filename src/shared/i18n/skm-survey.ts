/**
 * Texts of the citizen's satisfaction-survey page (src/web/survey, its own small bundle).
 * The survey bundle imports ONLY this file (not the whole catalogue), so keep it to the
 * words that page shows. Keys prefixed 'skmSurvey.'.
 */
import { defineMessages } from './define.js';

export const skmSurveyMessages = defineMessages({
  id: {
    'skmSurvey.title': 'Survei Kepuasan Masyarakat',
    'skmSurvey.lang.switch': 'English',
    'skmSurvey.loading': 'Memuat formulir survei…',
    'skmSurvey.intro': 'Bantu kami memperbaiki layanan. Survei ini tanpa nama dan hanya butuh 2 menit.',
    'skmSurvey.counter': 'Loket: {name}',
    'skmSurvey.officer': 'Petugas: {code}',
    'skmSurvey.offlineForm': 'Anda sedang luring. Formulir ini tersimpan di perangkat; jawaban akan dikirim saat sinyal kembali.',
    'skmSurvey.noForm': 'Formulir survei belum dapat dimuat. Periksa koneksi internet lalu coba lagi.',
    'skmSurvey.unitUnknown': 'Unit layanan tidak ditemukan atau tidak aktif. Periksa kode QR yang Anda pindai.',
    'skmSurvey.noUnit': 'Alamat survei tidak lengkap: pindai kode QR di loket layanan.',
    'skmSurvey.retry': 'Coba lagi',

    'skmSurvey.profile': 'Tentang Anda (boleh dikosongkan)',
    'skmSurvey.sex': 'Jenis kelamin',
    'skmSurvey.sex.L': 'Laki-laki',
    'skmSurvey.sex.P': 'Perempuan',
    'skmSurvey.age': 'Usia (tahun)',
    'skmSurvey.education': 'Pendidikan terakhir',
    'skmSurvey.occupation': 'Pekerjaan',
    'skmSurvey.service': 'Jenis layanan yang diterima',
    'skmSurvey.choose': '— Pilih —',

    'skmSurvey.questions': 'Penilaian layanan',
    'skmSurvey.questionsHint': 'Pilih satu jawaban untuk setiap unsur: 1 paling buruk, 4 paling baik.',
    'skmSurvey.unsurLegend': '{number}. {name}',
    'skmSurvey.suggestion': 'Saran dan masukan (tidak wajib)',
    'skmSurvey.suggestionHint': 'Jangan tulis nama, nomor HP, atau data pribadi lain.',
    'skmSurvey.submit': 'Kirim',

    'skmSurvey.error.noAnswer': 'Jawab paling sedikit satu unsur penilaian sebelum mengirim.',
    'skmSurvey.error.age': 'Usia harus angka 15 sampai 99.',
    'skmSurvey.error.suggestion': 'Saran paling panjang {max} karakter.',

    'skmSurvey.thanks.title': 'Terima kasih!',
    'skmSurvey.thanks.sent': 'Jawaban Anda sudah diterima.',
    'skmSurvey.thanks.queued': 'Jawaban Anda tersimpan di perangkat dan akan dikirim otomatis saat internet tersambung.',
    'skmSurvey.again': 'Isi survei lagi',
    'skmSurvey.results': 'Lihat hasil survei yang sudah diumumkan',
    'skmSurvey.kiosk.next': 'Responden berikutnya',
    'skmSurvey.kiosk.reset': 'Formulir akan dikosongkan untuk responden berikutnya dalam {seconds} detik.',

    'skmSurvey.pending': '{count} jawaban menunggu dikirim',
    'skmSurvey.sendNow': 'Kirim sekarang',
    'skmSurvey.failed': '{count} jawaban ditolak server dan tidak akan dikirim ulang:',
    'skmSurvey.failedItem': 'Jawaban {time}: {message}',
    'skmSurvey.failedDismiss': 'Hapus daftar ini',
  },
  en: {
    'skmSurvey.title': 'Public Satisfaction Survey',
    'skmSurvey.lang.switch': 'Bahasa Indonesia',
    'skmSurvey.loading': 'Loading the survey form…',
    'skmSurvey.intro': 'Help us improve this service. The survey is anonymous and takes 2 minutes.',
    'skmSurvey.counter': 'Counter: {name}',
    'skmSurvey.officer': 'Officer: {code}',
    'skmSurvey.offlineForm': 'You are offline. This form is stored on the device; answers will be sent when the signal returns.',
    'skmSurvey.noForm': 'The survey form could not be loaded. Check the internet connection and try again.',
    'skmSurvey.unitUnknown': 'Service unit not found or inactive. Check the QR code you scanned.',
    'skmSurvey.noUnit': 'The survey address is incomplete: scan the QR code at the service counter.',
    'skmSurvey.retry': 'Try again',

    'skmSurvey.profile': 'About you (optional)',
    'skmSurvey.sex': 'Sex',
    'skmSurvey.sex.L': 'Male',
    'skmSurvey.sex.P': 'Female',
    'skmSurvey.age': 'Age (years)',
    'skmSurvey.education': 'Highest education',
    'skmSurvey.occupation': 'Occupation',
    'skmSurvey.service': 'Service received',
    'skmSurvey.choose': '— Choose —',

    'skmSurvey.questions': 'Rate the service',
    'skmSurvey.questionsHint': 'Choose one answer for each element: 1 is worst, 4 is best.',
    'skmSurvey.unsurLegend': '{number}. {name}',
    'skmSurvey.suggestion': 'Suggestions (optional)',
    'skmSurvey.suggestionHint': 'Do not write your name, phone number or other personal data.',
    'skmSurvey.submit': 'Send',

    'skmSurvey.error.noAnswer': 'Rate at least one element before sending.',
    'skmSurvey.error.age': 'Age must be a number from 15 to 99.',
    'skmSurvey.error.suggestion': 'Suggestions can be at most {max} characters.',

    'skmSurvey.thanks.title': 'Thank you!',
    'skmSurvey.thanks.sent': 'Your answer has been received.',
    'skmSurvey.thanks.queued': 'Your answer is stored on the device and will be sent automatically when the internet is back.',
    'skmSurvey.again': 'Answer the survey again',
    'skmSurvey.results': 'See the published survey results',
    'skmSurvey.kiosk.next': 'Next respondent',
    'skmSurvey.kiosk.reset': 'The form will be cleared for the next respondent in {seconds} seconds.',

    'skmSurvey.pending': 'Answers waiting to be sent: {count}',
    'skmSurvey.sendNow': 'Send now',
    'skmSurvey.failed': 'Answers refused by the server, not to be resent: {count}',
    'skmSurvey.failedItem': 'Answer of {time}: {message}',
    'skmSurvey.failedDismiss': 'Clear this list',
  },
});
