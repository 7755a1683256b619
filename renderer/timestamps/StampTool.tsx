// "Timestamp a file": the picked file is read in the browser, sent as base64, hashed and stamped by a TSA
// (the embedded one, which is the Services stack's TSA when that runs, unless a URL is given); the decoded
// timestamp token is shown and can be saved as a .tsr.
import { useState } from 'react';
import { useAppStore } from '../shell/app-store';
import { DecodedToken } from './DecodedToken';
import { readFileAsBase64 } from '../components/read-file';
import { base64ToBlobUrl, MAX_FILE_BYTES } from './read-file';
import { useTimestampsStore } from './timestamps-store';
import { DisabledReason } from '../components/DisabledReason';

export function StampTool() {
  const stamp = useTimestampsStore((s) => s.stamp);
  const stamped = useTimestampsStore((s) => s.stamped);
  const running = useTimestampsStore((s) => s.status?.running ?? false);
  const embeddedUrl = useTimestampsStore((s) => s.status?.url);
  const fromStack = useTimestampsStore((s) => s.status?.source === 'stack');
  const embeddedName = running ? `${fromStack ? 'the Services TSA' : 'the embedded TSA'} at ${embeddedUrl ?? ''}` : 'the embedded TSA, not running';
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState('');
  const missing = !file ? 'Choose a file to timestamp.' : !running && url.trim() === '' ? 'Give a TSA URL, or start the embedded TSA above.' : null;
  return (
    <section className="panel" aria-labelledby="stamp-heading">
      <h2 id="stamp-heading">Timestamp a file</h2>
      <form
        aria-label="Timestamp a file"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!file) return;
          if (file.size > MAX_FILE_BYTES) {
            useAppStore.getState().showError({ code: 'FILE_TOO_LARGE', message: `${file.name} is larger than ${MAX_FILE_BYTES / 1024} KiB; use \`rootsmith tsa stamp\` for large files.` });
            return;
          }
          await stamp(file.name, await readFileAsBase64(file), url.trim() || undefined);
        }}
      >
        <label className="field" htmlFor="stamp-file">
          <span>File to timestamp</span>
          <input id="stamp-file" type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="field" htmlFor="stamp-url">
          <span>TSA URL (empty: {embeddedName})</span>
          <input id="stamp-url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder={running ? embeddedUrl : 'http://…'} />
        </label>
        <button type="submit" disabled={missing !== null} aria-describedby="stamp-missing">
          Timestamp file
        </button>
        <DisabledReason id="stamp-missing" reason={missing} />
      </form>
      {stamped && (
        <div className="result" role="status">
          <p>
            <strong>{stamped.fileName}</strong> timestamped by <code>{stamped.url}</code>: the nonce was echoed and the imprint matches the file.{' '}
            <a href={base64ToBlobUrl(stamped.tokenBase64, 'application/timestamp-reply')} download={`${stamped.fileName}.tsr`}>
              Save timestamp token (.tsr)
            </a>
          </p>
          <DecodedToken value={stamped.decoded} title={`Timestamp token for ${stamped.fileName}`} />
        </div>
      )}
    </section>
  );
}
