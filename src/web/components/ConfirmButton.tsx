/**
 * A button for an action that cannot be undone: the first press asks, the second does it.
 * Inline rather than a modal dialog, so focus never leaves the row the user is working on.
 */
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../app/i18n.js';

export function ConfirmButton({ label, confirmLabel, onConfirm, disabled }: { label: string; confirmLabel: string; onConfirm(): void | Promise<void>; disabled?: boolean }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button type="button" className="btn btn--small btn--danger-outline" disabled={disabled} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={label}>
      <button
        ref={confirmRef}
        type="button"
        className="btn btn--small btn--danger"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            await onConfirm();
          } finally {
            setBusy(false);
            setAsking(false);
          }
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="btn btn--small btn--plain" onClick={() => setAsking(false)}>
        {t('web.action.cancel')}
      </button>
    </span>
  );
}
