/** Messages of the attachments module (keys prefixed 'attachments.'). */
import { defineMessages } from './define.js';

export const attachmentsMessages = defineMessages({
  id: {
    'attachments.title': 'Lampiran',
    'attachments.invalid.empty': 'Berkas {name} tidak dapat diterima: berkas kosong.',
    'attachments.invalid.unsupported': 'Berkas {name} tidak dapat diterima: jenis berkas tidak didukung. Kirim foto JPEG, PNG atau WebP, atau dokumen PDF.',
    'attachments.invalid.mismatch': 'Berkas {name} tidak dapat diterima: isinya berkas {actual}, tidak sesuai dengan nama atau jenis berkas yang disebutkan.',
    'attachments.invalid.malformed': 'Berkas {name} tidak dapat diterima: berkas rusak atau tidak lengkap.',
    'attachments.tooLarge': 'Berkas terlalu besar. Ukuran maksimum {maxMb} MB per berkas.',
    'attachments.noFile': 'Tidak ada berkas yang dikirim. Kirim satu berkas dalam kolom "file" (multipart/form-data).',
    'attachments.oneFile': 'Kirim satu berkas per permintaan.',
    'attachments.tooManyParts': 'Formulir unggahan berisi terlalu banyak bagian.',
    'attachments.notMultipart': 'Unggahan harus dikirim sebagai multipart/form-data.',
    'attachments.badField': 'Kolom {field} tidak dikenal atau nilainya tidak sah.',
    'attachments.notLinkable': 'Lampiran tidak dapat ditautkan: lampiran tidak ditemukan atau sudah ditautkan ke laporan lain.',
  },
  en: {
    'attachments.title': 'Attachments',
    'attachments.invalid.empty': 'File {name} cannot be accepted: the file is empty.',
    'attachments.invalid.unsupported': 'File {name} cannot be accepted: this file type is not supported. Send a JPEG, PNG or WebP photo, or a PDF document.',
    'attachments.invalid.mismatch': 'File {name} cannot be accepted: its content is a {actual} file, which does not match its name or declared type.',
    'attachments.invalid.malformed': 'File {name} cannot be accepted: the file is damaged or incomplete.',
    'attachments.tooLarge': 'The file is too large. The maximum is {maxMb} MB per file.',
    'attachments.noFile': 'No file was sent. Send one file in the "file" field (multipart/form-data).',
    'attachments.oneFile': 'Send one file per request.',
    'attachments.tooManyParts': 'The upload form has too many parts.',
    'attachments.notMultipart': 'Uploads must be sent as multipart/form-data.',
    'attachments.badField': 'The field {field} is unknown or its value is not valid.',
    'attachments.notLinkable': 'The attachments cannot be linked: an attachment was not found or is already linked to another report.',
  },
});
