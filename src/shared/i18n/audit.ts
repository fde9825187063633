/** Messages of the audit module (keys prefixed 'audit.'). */
import { defineMessages } from './define.js';

export const auditMessages = defineMessages({
  id: {
    'audit.title': 'Jejak audit',
  },
  en: {
    'audit.title': 'Audit trail',
  },
});
