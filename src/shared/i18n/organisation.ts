/** Messages of the organisation module (keys prefixed 'organisation.'). */
import { defineMessages } from './define.js';

export const organisationMessages = defineMessages({
  id: {
    'organisation.title': 'Organisasi',
  },
  en: {
    'organisation.title': 'Organisation',
  },
});
