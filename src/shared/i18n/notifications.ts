/** Messages of the notifications module (keys prefixed 'notifications.'). */
import { defineMessages } from './define.js';

export const notificationsMessages = defineMessages({
  id: {
    'notifications.title': 'Notifikasi',
  },
  en: {
    'notifications.title': 'Notifications',
  },
});
