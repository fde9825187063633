/**
 * An optional point on the map without a map: the phone's own position through
 * navigator.geolocation, or coordinates typed in. No map tiles are loaded, so the form
 * works the same on a weak connection or when a tile server is unreachable.
 */
import { useState } from 'react';
import { useI18n } from '../../app/i18n.js';
import { TextField } from '../../components/Field.js';

type Status = 'idle' | 'locating' | 'denied' | 'unavailable';

export function LocationField({ latitude, longitude, onChange, errors }: { latitude: string; longitude: string; onChange(lat: string, lng: string): void; errors: Record<string, string | undefined> }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<Status>('idle');
  const supported = typeof navigator !== 'undefined' && 'geolocation' in navigator;

  function locate() {
    setStatus('locating');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        // Five decimals ≈ 1 m: plenty for a pothole, no false precision.
        onChange(pos.coords.latitude.toFixed(5), pos.coords.longitude.toFixed(5));
        setStatus('idle');
      },
      (err) => setStatus(err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  return (
    <fieldset>
      <legend>{t('web.report.location')}</legend>
      <p className="hint">{t('web.report.locationHint')}</p>
      <div className="form-actions">
        {supported ? (
          <button type="button" className="btn btn--small" onClick={locate} disabled={status === 'locating'}>
            {status === 'locating' ? t('web.report.locating') : t('web.report.useMyLocation')}
          </button>
        ) : null}
        {latitude || longitude ? (
          <button type="button" className="btn btn--small btn--plain" onClick={() => onChange('', '')}>{t('web.report.clearLocation')}</button>
        ) : null}
      </div>
      <p className="hint" role="status">
        {status === 'denied' ? t('web.report.locationDenied') : status === 'unavailable' ? t('web.report.locationUnavailable') : ''}
      </p>
      <div className="grid-2">
        <TextField label={t('web.report.latitude')} inputMode="decimal" autoComplete="off" value={latitude} error={errors.latitude} onChange={(e) => onChange(e.target.value, longitude)} />
        <TextField label={t('web.report.longitude')} inputMode="decimal" autoComplete="off" value={longitude} error={errors.longitude} onChange={(e) => onChange(latitude, e.target.value)} />
      </div>
    </fieldset>
  );
}
