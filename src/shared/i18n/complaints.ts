/** Messages of the complaints module (keys prefixed 'complaints.'). */
import { defineMessages } from './define.js';

export const complaintsMessages = defineMessages({
  id: {
    'complaints.title': 'Pengaduan dan aspirasi',
  },
  en: {
    'complaints.title': 'Complaints and aspirations',
  },
});
