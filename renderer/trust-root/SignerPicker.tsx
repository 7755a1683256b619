// Which key signs: a key on a token already logged in on the Keys screen, or a key file with its passphrase.
// The passphrase stays in this form until the one call that needs it.
import { useEffect, useState } from 'react';
import type { KeySummary, TufSignerSpec } from '../../app/contract';
import { api } from '../bridge/api';
import { SecretInput } from '../components/SecretInput';
import { useKeysStore } from '../keys/keys-store';

export interface SignerChoice {
  spec: TufSignerSpec | null;
  clear(): void;
}

export function SignerPicker({ idPrefix, onChange, allowToken = true }: { idPrefix: string; onChange(spec: TufSignerSpec | null): void; allowToken?: boolean }) {
  const modulePath = useKeysStore((s) => s.modulePath);
  const [kind, setKind] = useState<'token' | 'ref'>(allowToken ? 'token' : 'ref');
  const [tokens, setTokens] = useState<string[]>([]);
  const [token, setToken] = useState('');
  const [keys, setKeys] = useState<KeySummary[]>([]);
  const [label, setLabel] = useState('');
  const [ref, setRef] = useState('');
  const [secret, setSecret] = useState('');

  useEffect(() => {
    if (!allowToken) return;
    void api.keys.tokens({ module: modulePath }).then((r) => {
      const loggedIn = r.ok ? r.value.tokens.filter((t) => t.loggedIn).map((t) => t.label) : [];
      setTokens(loggedIn);
      setToken((current) => current || loggedIn[0] || '');
    });
  }, [modulePath, allowToken]);

  useEffect(() => {
    if (!token) return setKeys([]);
    void api.keys.list({ module: modulePath, token }).then((r) => {
      const list = r.ok ? r.value.keys.filter((k) => k.hasPrivateKey) : [];
      setKeys(list);
      setLabel((current) => (list.some((k) => k.label === current) ? current : (list[0]?.label ?? '')));
    });
  }, [modulePath, token]);

  useEffect(() => {
    if (kind === 'token') onChange(token && label ? { kind: 'token', module: modulePath, token, label } : null);
    else onChange(ref ? { kind: 'ref', ref, secret } : null);
  }, [kind, token, label, ref, secret, modulePath, onChange]);

  return (
    <fieldset className="field">
      <legend>Signing key</legend>
      {allowToken && (
        <label className="radio">
          <input type="radio" name={`${idPrefix}-kind`} checked={kind === 'token'} onChange={() => setKind('token')} /> A key on a logged-in token
        </label>
      )}
      <label className="radio">
        <input type="radio" name={`${idPrefix}-kind`} checked={kind === 'ref'} onChange={() => setKind('ref')} /> A key file or PKCS#11 URI
      </label>
      {kind === 'token' ? (
        tokens.length === 0 ? (
          <p className="muted">No token is logged in: log in on the Keys screen first.</p>
        ) : (
          <div className="row">
            <label className="field" htmlFor={`${idPrefix}-token`}>
              <span>Token</span>
              <select id={`${idPrefix}-token`} value={token} onChange={(e) => setToken(e.target.value)}>
                {tokens.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
            </label>
            <label className="field" htmlFor={`${idPrefix}-label`}>
              <span>Key</span>
              <select id={`${idPrefix}-label`} value={label} onChange={(e) => setLabel(e.target.value)}>
                {keys.map((k) => (
                  <option key={k.label} value={k.label}>
                    {k.label} ({k.algorithm})
                  </option>
                ))}
              </select>
            </label>
          </div>
        )
      ) : (
        <div className="row">
          <label className="field grow" htmlFor={`${idPrefix}-ref`}>
            <span>Key file or PKCS#11 URI</span>
            <input id={`${idPrefix}-ref`} type="text" value={ref} onChange={(e) => setRef(e.target.value)} />
          </label>
          <SecretInput id={`${idPrefix}-secret`} label="Passphrase or PIN" value={secret} onChange={setSecret} />
        </div>
      )}
    </fieldset>
  );
}
