/** Messages of the calendar module (keys prefixed 'calendar.'). */
import { defineMessages } from './define.js';

export const calendarMessages = defineMessages({
  id: {
    'calendar.title': 'Kalender hari kerja',
  },
  en: {
    'calendar.title': 'Working-day calendar',
  },
});
