/** Web client texts (navigation, forms, pages). Owned by src/web. */
import { defineMessages } from './define.js';

export const webMessages = defineMessages({
  id: {
    'web.loading': 'Memuat…',
  },
  en: {
    'web.loading': 'Loading…',
  },
});
