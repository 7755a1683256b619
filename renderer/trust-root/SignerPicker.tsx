// Which key signs: a key on a token already logged in on the Keys screen, or a key file with its passphrase.
// The passphrase stays in this form until the one call that needs it. Given the keys a request allows, token
// keys that may not sign are marked and an allowed one is chosen first.
import { useEffect, useState } from 'react';
import type { KeySummary, TufSignerKey, TufSignerSpec } from '../../app/contract';
import { api } from '../bridge/api';
import { SecretInput } from '../components/SecretInput';
import { useKeysStore } from '../keys/keys-store';

export interface SignerChoice {
  spec: TufSignerSpec | null;
  clear(): void;
}

const normalPem = (pem: string) => pem.replace(/-----[A-Z ]+-----|\s+/g, '');

/** The allowed signer a token key is, matched by its public key; undefined when it may not sign. */
function allowedAs(key: KeySummary, allowed: TufSignerKey[]): TufSignerKey | undefined {
  if (!key.publicKeyPem) return undefined;
  const pem = normalPem(key.publicKeyPem);
  return allowed.find((a) => a.publicKeyPem !== null && normalPem(a.publicKeyPem) === pem);
}

interface Props {
  idPrefix: string;
  onChange(spec: TufSignerSpec | null): void;
  allowToken?: boolean;
  /** The keys that may sign (a request's signers) and the role, to mark the others. */
  allowed?: { role: string; keys: TufSignerKey[] };
}

export function SignerPicker({ idPrefix, onChange, allowToken = true, allowed }: Props) {
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
    let live = true;
    void (async () => {
      const r = await api.keys.tokens({ module: modulePath });
      const loggedIn = r.ok ? r.value.tokens.filter((t) => t.loggedIn).map((t) => t.label) : [];
      // With several tokens logged in, start on the first one that holds a key allowed to sign.
      let preferred = loggedIn[0] ?? '';
      if (allowed && loggedIn.length > 1) {
        for (const t of loggedIn) {
          const l = await api.keys.list({ module: modulePath, token: t });
          if (l.ok && l.value.keys.some((k) => k.hasPrivateKey && allowedAs(k, allowed.keys))) {
            preferred = t;
            break;
          }
        }
      }
      if (!live) return;
      setTokens(loggedIn);
      setToken((current) => current || preferred);
    })();
    return () => {
      live = false;
    };
  }, [modulePath, allowToken, allowed]);

  useEffect(() => {
    if (!token) return setKeys([]);
    void api.keys.list({ module: modulePath, token }).then((r) => {
      // By label, so the list reads the same every time (tokens return objects in no fixed order).
      const list = r.ok ? r.value.keys.filter((k) => k.hasPrivateKey).sort((a, b) => a.label.localeCompare(b.label)) : [];
      setKeys(list);
      // Prefer a key the request allows over the token's first key.
      const first = (allowed && list.find((k) => allowedAs(k, allowed.keys))) ?? list[0];
      setLabel((current) => (list.some((k) => k.label === current) && (!allowed || list.some((k) => k.label === current && allowedAs(k, allowed.keys))) ? current : (first?.label ?? '')));
    });
  }, [modulePath, token, allowed]);

  const chosen = keys.find((k) => k.label === label);
  const chosenAllowed = chosen && allowed ? allowedAs(chosen, allowed.keys) : undefined;

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
                {keys.map((k) => {
                  const as = allowed ? allowedAs(k, allowed.keys) : undefined;
                  const note = !allowed ? '' : as ? ` — ${allowed.role} key of ${as.owner ?? as.keyid.slice(0, 8)}` : ` — not a ${allowed.role} key`;
                  return (
                    <option key={k.label} value={k.label}>
                      {k.label} ({k.algorithm}){note}
                    </option>
                  );
                })}
              </select>
            </label>
            {allowed && chosen && (
              <p className={chosenAllowed ? 'muted' : 'problems'} data-testid={`${idPrefix}-key-note`}>
                {chosenAllowed
                  ? `${chosen.label} is the ${allowed.role} key of ${chosenAllowed.owner ?? 'an unnamed holder'} (key ID ${chosenAllowed.keyid.slice(0, 16)}…).`
                  : `${chosen.label} is not one of the ${allowed.role} keys: it cannot sign this request.`}
              </p>
            )}
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
