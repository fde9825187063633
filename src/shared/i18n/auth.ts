/** Messages of the auth module (keys prefixed 'auth.'). */
import { defineMessages } from './define.js';

export const authMessages = defineMessages({
  id: {
    'auth.title': 'Akun dan akses',
  },
  en: {
    'auth.title': 'Accounts and access',
  },
});
