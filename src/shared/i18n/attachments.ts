/** Messages of the attachments module (keys prefixed 'attachments.'). */
import { defineMessages } from './define.js';

export const attachmentsMessages = defineMessages({
  id: {
    'attachments.title': 'Lampiran',
  },
  en: {
    'attachments.title': 'Attachments',
  },
});
