// The keys with a public key on tokens logged in on the Keys screen (listing needs a session, as in SignerPicker);
// used wherever a form takes a key on a token (Trust Root roles, the Services ceremony keys).
import { useEffect, useState } from 'react';
import type { KeySummary } from '../../app/contract';
import { api } from '../bridge/api';
import { useKeysStore } from '../keys/keys-store';

export interface TokenKey {
  token: string;
  key: KeySummary;
}

export function useLoggedInKeys(): { keys: TokenKey[]; loaded: boolean } {
  const modulePath = useKeysStore((s) => s.modulePath);
  const [keys, setKeys] = useState<TokenKey[]>([]);
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    let live = true;
    void (async () => {
      const t = await api.keys.tokens({ module: modulePath });
      const tokens = t.ok ? t.value.tokens.filter((x) => x.loggedIn).map((x) => x.label) : [];
      const found: TokenKey[] = [];
      for (const token of tokens) {
        const l = await api.keys.list({ module: modulePath, token });
        if (l.ok) for (const key of l.value.keys) if (key.publicKeyPem) found.push({ token, key });
      }
      if (live) {
        setKeys(found);
        setLoaded(true);
      }
    })();
    return () => {
      live = false;
    };
  }, [modulePath]);
  return { keys, loaded };
}
