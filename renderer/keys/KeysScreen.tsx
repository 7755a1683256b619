// The Keys screen: module -> tokens -> log in -> keys and key generation.
import { useEffect } from 'react';
import { BusyStatus } from '../components/BusyStatus';
import { Fingerprint } from '../components/Fingerprint';
import { GenerateKeyForm } from './GenerateKeyForm';
import { KeyList } from './KeyList';
import { LoginForm } from './LoginForm';
import { ModulePicker } from './ModulePicker';
import { TestTokenForm } from './TestTokenForm';
import { TokenList } from './TokenList';
import { useKeysStore } from './keys-store';

export function KeysScreen() {
  const tokens = useKeysStore((s) => s.tokens);
  const selected = useKeysStore((s) => s.selected);
  const busy = useKeysStore((s) => s.busy);
  const lastGenerated = useKeysStore((s) => s.lastGenerated);
  const logout = useKeysStore((s) => s.logout);
  const loadTokens = useKeysStore((s) => s.loadTokens);
  const token = tokens.find((t) => t.label === selected) ?? null;

  useEffect(() => {
    void loadTokens();
  }, [loadTokens]);

  return (
    <div className="screen">
      <h1>Keys</h1>
      <BusyStatus busy={busy} />
      <ModulePicker />
      <section className="panel" aria-labelledby="tokens-heading">
        <h2 id="tokens-heading">Tokens</h2>
        <TokenList />
        <TestTokenForm />
      </section>
      {token && (
        <section className="panel" aria-labelledby="token-heading">
          <h2 id="token-heading">Token “{token.label}”</h2>
          {token.loggedIn ? (
            <>
              <button type="button" className="secondary" onClick={() => void logout()}>
                Log out
              </button>
              {lastGenerated?.fingerprint && (
                <div className="generated" role="status">
                  <h3>New key “{lastGenerated.label}” — read this fingerprint aloud to the witnesses</h3>
                  <Fingerprint value={lastGenerated.fingerprint} large />
                </div>
              )}
              <KeyList />
              <GenerateKeyForm />
            </>
          ) : (
            <LoginForm token={token.label} />
          )}
        </section>
      )}
    </div>
  );
}
