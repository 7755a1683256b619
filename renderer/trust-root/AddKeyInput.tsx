// Adds one key to a role being set up: a key on a logged-in token (its public key and PKCS#11 URI), a public key
// file, or a pasted PEM. Only public keys are taken: private keys stay with their holders.
import { useState } from 'react';
import type { RoleKey } from './role-keys';
import { pemProblem } from './role-keys';
import { useLoggedInKeys } from '../components/use-logged-in-keys';

type Source = 'token' | 'file' | 'pem';

const stem = (name: string) => name.replace(/\.(pub|pem|key)$/i, '');

export function AddKeyInput({ idPrefix, role, onAdd }: { idPrefix: string; role: string; onAdd(key: RoleKey): void }) {
  const { keys: tokenKeys, loaded } = useLoggedInKeys();
  const [source, setSource] = useState<Source>('token');
  const [picked, setPicked] = useState('');
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [pem, setPem] = useState('');
  const [owner, setOwner] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);

  const chosenToken = tokenKeys.find((k) => k.key.uri === picked) ?? tokenKeys[0];

  const add = () => {
    let key: RoleKey | null = null;
    if (source === 'token') {
      if (!chosenToken) return setProblem('Pick a key on a logged-in token.');
      key = { publicKeyPem: chosenToken.key.publicKeyPem!, owner: owner.trim() || chosenToken.key.label, from: `token ${chosenToken.token}: ${chosenToken.key.label}`, uri: chosenToken.key.uri };
    } else if (source === 'file') {
      if (!file) return setProblem('Choose a public key file.');
      const p = pemProblem(file.text);
      if (p) return setProblem(`${file.name}: ${p}`);
      key = { publicKeyPem: file.text, owner: owner.trim() || stem(file.name), from: `file ${file.name}` };
    } else {
      const p = pemProblem(pem);
      if (p) return setProblem(p);
      key = { publicKeyPem: pem.trim(), owner: owner.trim(), from: 'pasted PEM' };
    }
    setProblem(null);
    onAdd(key);
    setOwner('');
    setPem('');
    setFile(null);
    setFileInputKey((n) => n + 1);
  };

  const radio = (value: Source, text: string) => (
    <label className="radio">
      <input type="radio" name={`${idPrefix}-source`} checked={source === value} onChange={() => {
          setSource(value);
          setProblem(null);
        }} /> {text}
    </label>
  );

  return (
    <fieldset className="field">
      <legend>Add a {role} key</legend>
      {radio('token', 'A key on a logged-in token')}
      {radio('file', 'A public key file (PEM)')}
      {radio('pem', 'Paste a public key (PEM)')}
      <div className="row">
        {source === 'token' &&
          (tokenKeys.length === 0 ? (
            <p className="muted">{loaded ? 'No token is logged in: log in on the Keys screen first, or give a public key.' : 'Looking for logged-in tokens…'}</p>
          ) : (
            <label className="field" htmlFor={`${idPrefix}-token-key`}>
              <span>Token key</span>
              <select id={`${idPrefix}-token-key`} value={chosenToken?.key.uri ?? ''} onChange={(e) => setPicked(e.target.value)}>
                {tokenKeys.map((k) => (
                  <option key={k.key.uri} value={k.key.uri}>
                    {k.token}: {k.key.label} ({k.key.algorithm})
                  </option>
                ))}
              </select>
            </label>
          ))}
        {source === 'file' && (
          <label className="field" htmlFor={`${idPrefix}-file`}>
            <span>Public key file</span>
            <input
              key={fileInputKey}
              id={`${idPrefix}-file`}
              type="file"
              accept=".pem,.pub,text/plain"
              onChange={async (e) => {
                const f = e.target.files?.[0];
                setFile(f ? { name: f.name, text: await f.text() } : null);
              }}
            />
          </label>
        )}
        {source === 'pem' && (
          <label className="field grow" htmlFor={`${idPrefix}-pem`}>
            <span>Public key (PEM)</span>
            <textarea id={`${idPrefix}-pem`} rows={4} value={pem} onChange={(e) => setPem(e.target.value)} placeholder="-----BEGIN PUBLIC KEY-----" />
          </label>
        )}
        <label className="field" htmlFor={`${idPrefix}-owner`}>
          <span>Owner (shown to every signer)</span>
          <input
            id={`${idPrefix}-owner`}
            type="text"
            value={owner}
            onChange={(e) => setOwner(e.target.value)}
            // Enter here adds the key (as the button beside it does) instead of submitting the whole form.
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                add();
              }
            }} placeholder={source === 'pem' ? 'e.g. alice' : 'default: the key’s name'} />
        </label>
        <button type="button" className="secondary" onClick={add}>
          Add {role} key
        </button>
      </div>
      {problem && (
        <p className="problems" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
