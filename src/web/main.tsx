import { createRoot } from 'react-dom/client';
import { t } from '../shared/i18n/index.js';

createRoot(document.getElementById('root')!).render(<p>{t('id', 'web.loading')}</p>);
