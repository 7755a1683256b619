// "Verify a timestamp token": a timestamp token (the one just made, or a .tsr file) against a file and a trusted
// chain (PEM, root last). Shows the verified facts, or what failed and what to do; Verify says what it still needs.
// "Decode only" shows a timestamp token without trust.
import { useState } from 'react';
import { DecodedToken } from './DecodedToken';
import { readFileAsBase64 } from '../components/read-file';
import { useTimestampsStore } from './timestamps-store';
import { utcTime } from '../components/utc-time';
import { DisabledReason } from '../components/DisabledReason';

export function VerifyTool() {
  const verify = useTimestampsStore((s) => s.verify);
  const inspect = useTimestampsStore((s) => s.inspect);
  const stamped = useTimestampsStore((s) => s.stamped);
  const verified = useTimestampsStore((s) => s.verified);
  const verifyError = useTimestampsStore((s) => s.verifyError);
  const inspected = useTimestampsStore((s) => s.inspected);
  const embeddedChain = useTimestampsStore((s) => s.status?.chainPem);
  const embeddedName = useTimestampsStore((s) => (s.status?.source === 'stack' ? 'the Services TSA' : 'the embedded TSA'));
  const [source, setSource] = useState<'last' | 'file'>('last');
  const [tokenFile, setTokenFile] = useState<File | null>(null);
  const [dataFile, setDataFile] = useState<File | null>(null);
  const [chainPem, setChainPem] = useState('');
  const useLast = source === 'last' && stamped !== null;
  const [tokenName, setTokenName] = useState<string | null>(null);
  const missing = [
    !useLast && !tokenFile ? 'choose the timestamp token (.tsr) file' : null,
    !dataFile ? 'choose the file the timestamp token is for' : null,
    chainPem.trim() === '' ? 'paste the trusted TSA chain (PEM certificates, root last)' : !chainPem.includes('BEGIN CERTIFICATE') ? 'the trusted chain holds no PEM certificate (-----BEGIN CERTIFICATE-----)' : null,
  ].filter((m): m is string => m !== null);

  const tokenBase64 = async (): Promise<string | null> => (useLast ? stamped!.tokenBase64 : tokenFile ? readFileAsBase64(tokenFile) : null);

  return (
    <section className="panel" aria-labelledby="verify-heading">
      <h2 id="verify-heading">Verify a timestamp token</h2>
      <form
        aria-label="Verify a timestamp token"
        onSubmit={async (e) => {
          e.preventDefault();
          const token = await tokenBase64();
          if (!token || !dataFile) return;
          setTokenName(useLast ? `the timestamp token just made for ${stamped!.fileName}` : tokenFile!.name);
          await verify(token, await readFileAsBase64(dataFile), chainPem);
        }}
      >
        <fieldset className="field">
          <legend>Timestamp token (.tsr)</legend>
          <label className="radio">
            <input type="radio" name="token-source" checked={useLast} disabled={!stamped} onChange={() => setSource('last')} /> The timestamp token just made{stamped ? ` (${stamped.fileName})` : ''}
          </label>
          <label className="radio">
            <input type="radio" name="token-source" checked={!useLast} onChange={() => setSource('file')} /> A timestamp token file (.tsr)
          </label>
        </fieldset>
        {!useLast && (
          <label className="field" htmlFor="verify-token-file">
            <span>Timestamp token file (.tsr)</span>
            <input id="verify-token-file" type="file" onChange={(e) => setTokenFile(e.target.files?.[0] ?? null)} />
          </label>
        )}
        <label className="field" htmlFor="verify-data-file">
          <span>File the timestamp token is for</span>
          <input id="verify-data-file" type="file" onChange={(e) => setDataFile(e.target.files?.[0] ?? null)} />
        </label>
        <label className="field" htmlFor="verify-chain">
          <span>Trusted TSA chain (PEM, leaf first, root last)</span>
          <textarea id="verify-chain" rows={4} value={chainPem} onChange={(e) => setChainPem(e.target.value)} spellCheck={false} />
        </label>
        <div className="row">
          {embeddedChain && (
            <button type="button" className="secondary" onClick={() => setChainPem(embeddedChain)}>
              Use the chain of {embeddedName}
            </button>
          )}
          <button type="submit" disabled={missing.length > 0} aria-describedby="verify-missing">
            Verify timestamp token
          </button>
          <button
            type="button"
            className="secondary"
            disabled={!useLast && !tokenFile}
            onClick={async () => {
              const token = await tokenBase64();
              if (token) await inspect(useLast ? stamped!.fileName : tokenFile!.name, token);
            }}
          >
            Decode only
          </button>
        </div>
        <DisabledReason id="verify-missing" reason={missing.length > 0 ? `To verify, ${missing.join('; ')}.` : null} />
      </form>
      {verified && (
        <div className="verified" role="status" data-testid="verify-result">
          <h3>
            <span className="badge ok">valid</span> Timestamp token verified
          </h3>
          <dl className="facts">
            <dt>Time</dt>
            <dd>{utcTime(verified.genTime)}</dd>
            <dt>Serial number</dt>
            <dd className="hash">{verified.serialHex}</dd>
            <dt>Signed by</dt>
            <dd>{verified.signerSubject}</dd>
            <dt>Chain to the trusted root</dt>
            <dd>{verified.chain.join(' → ')}</dd>
          </dl>
        </div>
      )}
      {verifyError && (
        <div className="not-verified" role="alert" data-testid="verify-failure">
          <h3>
            <span className="badge bad">not verified</span> <span className="error-code">{verifyError.code}</span>
          </h3>
          <p>{verifyError.message}</p>
          {verifyError.code === 'TOKEN_INVALID' && (
            <p data-testid="verify-advice">
              {tokenName ?? 'The file chosen'} is not a timestamp token (.tsr). Choose the .tsr file a TSA returned: the one saved with “Save timestamp token (.tsr)” above, or one written by <code>rootsmith tsa stamp FILE --url URL --out FILE.tsr</code>.
            </p>
          )}
        </div>
      )}
      {inspected && <DecodedToken value={inspected.decoded} title={`Decoded ${inspected.fileName} (not verified)`} />}
    </section>
  );
}
