/** Messages of the auth module (keys prefixed 'auth.'). */
import { defineMessages } from './define.js';

export const authMessages = defineMessages({
  id: {
    'auth.title': 'Akun dan akses',
    'auth.passwordTooShort': 'Kata sandi paling sedikit {min} karakter.',
    'auth.passwordTooLong': 'Kata sandi paling banyak {max} karakter.',
    'auth.currentPasswordWrong': 'Kata sandi saat ini salah.',
    'auth.opdRequired': 'Peran {role} harus disertai OPD.',
    'auth.opdNotAllowed': 'Peran {role} tidak terikat pada OPD; hapus OPD-nya.',
    'auth.opdUnknown': 'OPD yang dipilih tidak ada di daerah ini.',
    'auth.sessionRequired': 'Tindakan ini hanya dapat dilakukan setelah masuk melalui peramban, bukan dengan token API.',
    'auth.tenantRequired': 'Sebutkan pemerintah daerah (kode atau nama singkat) untuk masuk.',
    'auth.field.email': 'email',
    'auth.throttle.address': 'Terlalu banyak percobaan masuk yang gagal dari alamat jaringan ini. Coba lagi dalam {minutes} menit.',
    'auth.throttle.account':
      'Terlalu banyak percobaan masuk yang gagal untuk akun ini. Coba lagi dalam {wait}. Perangkat yang pernah Anda pakai untuk masuk dapat masuk sekarang.',
    'auth.throttle.client': 'Terlalu banyak percobaan masuk yang gagal untuk akun ini dari perangkat atau jaringan ini. Coba lagi setelah {minutes} menit.',
    'auth.wait.seconds': '{n} detik',
    'auth.wait.minutes': '{n} menit',
  },
  en: {
    'auth.title': 'Accounts and access',
    'auth.passwordTooShort': 'The password must be at least {min} characters long.',
    'auth.passwordTooLong': 'The password must be at most {max} characters long.',
    'auth.currentPasswordWrong': 'The current password is wrong.',
    'auth.opdRequired': 'The role {role} needs an OPD.',
    'auth.opdNotAllowed': 'The role {role} is not tied to an OPD; remove the OPD.',
    'auth.opdUnknown': 'The chosen OPD does not exist in this region.',
    'auth.sessionRequired': 'This can only be done after signing in with a browser, not with an API token.',
    'auth.tenantRequired': 'Name the regional government (code or short name) to sign in.',
    'auth.field.email': 'e-mail',
    'auth.throttle.address': 'Too many failed sign-ins from this network address. Try again in {minutes} minutes.',
    'auth.throttle.account': 'Too many failed sign-ins to this account. Try again in {wait}. A device you signed in with before can sign in now.',
    'auth.throttle.client': 'Too many failed sign-ins to this account from this device or network. Try again in {minutes} minutes.',
    'auth.wait.seconds': '{n} seconds',
    'auth.wait.minutes': '{n} minutes',
  },
});
