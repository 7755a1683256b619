// RFC 7512 URIs, table-driven: what parses to what, what is refused (notably pin-value), and formatting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPkcs11Uri, isPkcs11Uri, parsePkcs11Uri, type Pkcs11Uri } from './pkcs11-uri';
import { KeyError } from './errors';

const valid: { uri: string; want: Pkcs11Uri; canonical?: string }[] = [
  { uri: 'pkcs11:', want: {} },
  { uri: 'pkcs11:token=Root', want: { token: 'Root' } },
  {
    uri: 'pkcs11:token=Root%20CA;object=root-2026;id=%01%02;type=private',
    want: { token: 'Root CA', object: 'root-2026', id: new Uint8Array([1, 2]), type: 'private' },
  },
  // Unencoded id bytes are allowed on input; we always write them encoded.
  { uri: 'pkcs11:id=AB', want: { id: new Uint8Array([0x41, 0x42]) }, canonical: 'pkcs11:id=%41%42' },
  // RFC 7512 section 3 examples (shape).
  {
    uri: 'pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;model=1.0;object=my-certificate;type=cert;id=%69%95%3E%5C%F4%BE%2D%9A%06',
    want: {
      token: 'The Software PKCS#11 Softtoken',
      manufacturer: 'Snake Oil, Inc.',
      model: '1.0',
      object: 'my-certificate',
      type: 'cert',
      id: new Uint8Array([0x69, 0x95, 0x3e, 0x5c, 0xf4, 0xbe, 0x2d, 0x9a, 0x06]),
    },
    canonical:
      'pkcs11:token=The%20Software%20PKCS%2311%20Softtoken;manufacturer=Snake%20Oil,%20Inc.;model=1.0;object=my-certificate;id=%69%95%3E%5C%F4%BE%2D%9A%06;type=cert',
  },
  {
    uri: 'pkcs11:object=my-sign-key;type=private?module-name=mypkcs11',
    want: { object: 'my-sign-key', type: 'private', moduleName: 'mypkcs11' },
  },
  {
    uri: 'pkcs11:object=my-sign-key;type=private?module-path=/mnt/libmypkcs11.so.1',
    want: { object: 'my-sign-key', type: 'private', modulePath: '/mnt/libmypkcs11.so.1' },
  },
  {
    uri: 'pkcs11:token=Software%20PKCS%2311%20softtoken;manufacturer=Snake%20Oil,%20Inc.?pin-source=file:/etc/token',
    want: { token: 'Software PKCS#11 softtoken', manufacturer: 'Snake Oil, Inc.', pinSource: 'file:/etc/token' },
  },
  {
    uri: 'pkcs11:slot-description=Sun%20Metaslot;slot-manufacturer=Oracle;slot-id=3;library-manufacturer=Snake%20Oil,%20Inc.;library-description=Soft;library-version=1.23',
    want: {
      slotDescription: 'Sun Metaslot',
      slotManufacturer: 'Oracle',
      slotId: 3,
      libraryManufacturer: 'Snake Oil, Inc.',
      libraryDescription: 'Soft',
      libraryVersion: '1.23',
    },
  },
  // "&" is allowed raw in the path, "/" "?" "|" in the query; "=" is allowed in values.
  { uri: 'pkcs11:object=a&b=c', want: { object: 'a&b=c' } },
  { uri: 'pkcs11:token=t?pin-source=|/usr/bin/getpin?x', want: { token: 't', pinSource: '|/usr/bin/getpin?x' } },
  // UTF-8 labels and semicolons encoded.
  { uri: 'pkcs11:object=cl%C3%A9%3Bx', want: { object: 'clé;x' } },
  { uri: 'pkcs11:token=a;x-vendor=v?x-q=w', want: { token: 'a', vendor: { 'x-vendor': 'v' }, vendorQuery: { 'x-q': 'w' } } },
  { uri: 'PKCS11:token=a', want: { token: 'a' }, canonical: 'pkcs11:token=a' },
];

for (const { uri, want, canonical } of valid) {
  test(`parses ${uri}`, () => {
    const parsed = parsePkcs11Uri(uri);
    assert.deepEqual(parsed, want);
    const formatted = formatPkcs11Uri(parsed);
    if (canonical !== undefined) assert.equal(formatted, canonical);
    assert.deepEqual(parsePkcs11Uri(formatted), want, 'format then parse round-trips');
  });
}

const invalid: { uri: string; why: string }[] = [
  { uri: 'file:/tmp/key.pem', why: 'other scheme' },
  { uri: 'pkcs11:token=Root?pin-value=1234', why: 'PIN in the URI' },
  { uri: 'pkcs11:pin-value=1234;token=Root', why: 'PIN in the path' },
  { uri: 'pkcs11:token=Root CA', why: 'raw space' },
  { uri: 'pkcs11:token=a/b', why: 'raw slash in path' },
  { uri: 'pkcs11:token=a%2', why: 'truncated percent' },
  { uri: 'pkcs11:token=a%zz', why: 'bad hex' },
  { uri: 'pkcs11:token=a;token=b', why: 'repeated attribute' },
  { uri: 'pkcs11:colour=blue', why: 'unknown path attribute' },
  { uri: 'pkcs11:token=a?colour=blue', why: 'unknown query attribute' },
  { uri: 'pkcs11:token', why: 'no value' },
  { uri: 'pkcs11:type=secret', why: 'bad type' },
  { uri: 'pkcs11:slot-id=x1', why: 'bad slot-id' },
  { uri: 'pkcs11:object=%FF%FE', why: 'not UTF-8' },
  { uri: 'pkcs11:token=a#frag', why: 'fragment' },
  { uri: 'pkcs11:id=%01?module-path=a&module-path=b', why: 'repeated query attribute' },
];

for (const { uri, why } of invalid) {
  test(`refuses ${why}: ${uri}`, () => {
    assert.throws(
      () => parsePkcs11Uri(uri),
      (e: unknown) => e instanceof KeyError && e.code === 'URI_INVALID' && !e.message.includes('1234'),
    );
  });
}

test('format percent-encodes what must be encoded and never emits a PIN', () => {
  const uri = formatPkcs11Uri({
    token: 'My Token; 100%',
    object: 'a/b?c',
    id: new Uint8Array([0x00, 0xff]),
    type: 'private',
    modulePath: '/usr/lib/x y.so',
    pinSource: 'file:/run/pin&more',
  });
  assert.equal(
    uri,
    'pkcs11:token=My%20Token%3B%20100%25;object=a%2Fb%3Fc;id=%00%FF;type=private?module-path=/usr/lib/x%20y.so&pin-source=file:/run/pin%26more',
  );
  assert.ok(!uri.includes('pin-value'));
});

test('isPkcs11Uri tells URIs from file paths', () => {
  assert.equal(isPkcs11Uri('pkcs11:token=a'), true);
  assert.equal(isPkcs11Uri('/tmp/pkcs11:key.pem'), false);
  assert.equal(isPkcs11Uri('./key.pem'), false);
});
