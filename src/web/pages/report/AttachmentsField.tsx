/**
 * Photos and PDFs, uploaded as soon as they are chosen (POST /public/attachments), so the
 * draft only has to remember their ids. The server checks the content and strips photo
 * metadata (GPS included) unless the citizen ticks "share the photo's location".
 */
import { useId, useState } from 'react';
import { complaintsApi, type AttachmentRef } from '../../api/complaints.js';
import { useI18n } from '../../app/i18n.js';
import { errorText } from '../../components/Alert.js';
import { CheckboxField } from '../../components/Field.js';

/** The server's limit per file (CONTRACT-B: 5 MB); checked here first to spare the upload. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_FILES = 5;
const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / 1024 / 1024;
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

export function AttachmentsField({ files, keepLocation, onChange, onKeepLocation }: { files: AttachmentRef[]; keepLocation: boolean; onChange(files: AttachmentRef[]): void; onKeepLocation(v: boolean): void }) {
  const { t } = useI18n();
  const id = useId();
  const [busy, setBusy] = useState(0);
  const [problems, setProblems] = useState<string[]>([]);

  async function add(list: FileList | null) {
    if (!list || list.length === 0) return;
    const found: string[] = [];
    let next = files;
    const chosen = Array.from(list);
    setBusy(chosen.length);
    for (const file of chosen) {
      if (next.length >= MAX_FILES) {
        found.push(t('web.report.tooManyFiles', { max: MAX_FILES }));
        break;
      }
      if (!ACCEPT.split(',').includes(file.type)) {
        found.push(t('web.report.fileType', { name: file.name }));
        continue;
      }
      if (file.size > MAX_FILE_BYTES) {
        found.push(t('web.report.fileTooBig', { name: file.name, max: formatSize(MAX_FILE_BYTES) }));
        continue;
      }
      try {
        const ref = await complaintsApi.uploadPublic(file, keepLocation);
        next = [...next, { id: ref.id, filename: ref.filename ?? file.name, contentType: ref.contentType ?? file.type, size: ref.size ?? file.size }];
        onChange(next);
      } catch (err) {
        found.push(`${file.name}: ${errorText(err, t)}`);
      } finally {
        setBusy((n) => n - 1);
      }
    }
    setBusy(0);
    setProblems(found);
  }

  return (
    <fieldset>
      <legend>{t('web.report.attachments')}</legend>
      <p className="hint" id={`${id}-hint`}>{t('web.report.attachmentsHint', { max: formatSize(MAX_FILE_BYTES), count: MAX_FILES })}</p>
      <CheckboxField label={t('web.report.keepLocation')} hint={t('web.report.keepLocationHint')} checked={keepLocation} onChange={(e) => onKeepLocation(e.target.checked)} />
      <div className="field">
        <label htmlFor={`${id}-file`}>{t('web.report.addFiles')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept={ACCEPT}
          multiple
          aria-describedby={`${id}-hint`}
          disabled={busy > 0 || files.length >= MAX_FILES}
          onChange={(e) => {
            void add(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
      <p className="hint" role="status">{busy > 0 ? t('web.report.uploading') : ''}</p>
      {problems.length ? (
        <div className="alert alert--error" role="alert">
          <ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>
        </div>
      ) : null}
      {files.length ? (
        <ul className="file-list" aria-label={t('web.report.attached')}>
          {files.map((f) => (
            <li key={f.id}>
              <span className="break">{f.filename}</span> <span className="muted small">({formatSize(f.size)})</span>
              <button type="button" className="btn btn--small btn--plain" onClick={() => onChange(files.filter((x) => x.id !== f.id))}>
                {t('web.action.delete')}<span className="visually-hidden"> {f.filename}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}
