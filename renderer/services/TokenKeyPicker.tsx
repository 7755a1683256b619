// Picks a service's key from the keys on logged-in tokens (as the Trust Root screen does): choosing one fills the
// key field with its PKCS#11 URI, which stays editable for a key on another token or in a file.
import type { TokenKey } from '../components/use-logged-in-keys';

interface Props {
  id: string;
  what: string;
  keys: TokenKey[];
  value: string;
  onPick(uri: string): void;
  /** Only keys this service can sign with (the log's checkpoints need ECDSA P-256). */
  accept?: (k: TokenKey) => boolean;
}

export function TokenKeyPicker({ id, what, keys, value, onPick, accept }: Props) {
  const usable = keys.filter((k) => k.key.hasPrivateKey && (accept ? accept(k) : true));
  if (usable.length === 0) return null;
  const chosen = usable.find((k) => k.key.uri === value)?.key.uri ?? '';
  return (
    <label className="field" htmlFor={id}>
      <span>Pick the {what} from a logged-in token</span>
      <select id={id} value={chosen} onChange={(e) => e.target.value && onPick(e.target.value)}>
        <option value="">{chosen === '' && value.trim() !== '' ? 'typed below (not a key on a logged-in token)' : '— choose a key —'}</option>
        {usable.map((k) => (
          <option key={`${k.token}/${k.key.uri}`} value={k.key.uri}>
            {k.token}: {k.key.label} ({k.key.algorithm}, id {k.key.idHex})
          </option>
        ))}
      </select>
    </label>
  );
}
