// Importing the Atlas CLI's profiles (config.toml as the Atlas CLI documents it), read as TOML says (smol-toml).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { atlasCliConfigPath, readAtlasCliProfiles, TomlError } from '../../../../src/core/accounts';

const CONFIG = `# Atlas CLI configuration
telemetry_enabled = false
skip_update_check = true

[default]
  org_id = "5dd5aaef7a3e5a6c5bd12de4"
  output = "json"
  private_api_key = "11111111-2222-3333-4444-555555555555"
  project_id = "5e2211c17a3e5a48f5497de3"
  public_api_key = "abcdefgh"
  service = "cloud"

[gov]
  client_id = 'mdb_sa_id_1234'
  client_secret = "mdb_sa_sk_\\u0041bc"   # escaped A
  service = "cloudgov"

[sim]
  ops_manager_url = "http://127.0.0.1:4545/"
  public_api_key = "simpub"
  private_api_key = "simpriv"

[insecure]
  ops_manager_url = "http://om.example.com:8080/"
  public_api_key = "p"
  private_api_key = "q"

[me]
  access_token = "eyJ..."
  refresh_token = "r"
  service = "cloud"

[keychain]
  client_id = "mdb_sa_id_9"
  auth_type = "service_account"
  extra = [
    "a",
    "b",
  ]
`;

test('reads API key and service account profiles with the server each is for', () => {
  const byName = Object.fromEntries(readAtlasCliProfiles(CONFIG).map((p) => [p.name, p]));
  assert.deepEqual(Object.keys(byName), ['default', 'gov', 'sim', 'insecure', 'me', 'keychain']);
  assert.deepEqual(byName.default, {
    name: 'default',
    baseUrl: 'https://cloud.mongodb.com',
    credentials: { kind: 'apiKey', publicKey: 'abcdefgh', privateKey: '11111111-2222-3333-4444-555555555555' },
  });
  assert.deepEqual(byName.gov.credentials, {
    kind: 'serviceAccount',
    clientId: 'mdb_sa_id_1234',
    clientSecret: 'mdb_sa_sk_Abc',
  });
  assert.equal(byName.gov.baseUrl, 'https://cloud.mongodbgov.com');
  assert.equal(byName.sim.baseUrl, 'http://127.0.0.1:4545');
  assert.equal(byName.sim.unusable, undefined);
});

test('a profile that cannot be imported says why (and is never bound to plain http off this machine)', () => {
  const byName = Object.fromEntries(readAtlasCliProfiles(CONFIG).map((p) => [p.name, p]));
  assert.equal(byName.insecure.baseUrl, undefined);
  assert.match(byName.insecure.unusable!, /ops_manager_url of profile "insecure".*plain http/);
  assert.match(byName.me.unusable!, /user login/);
  assert.equal(byName.me.credentials, undefined);
  assert.match(byName.keychain.unusable!, /secret is not in config\.toml/);
});

test('an empty file has no profiles; broken TOML is an error naming the line', () => {
  assert.deepEqual(readAtlasCliProfiles(''), []);
  assert.throws(
    () => readAtlasCliProfiles('[default]\npublic_api_key "x"\n'),
    (e: unknown) => e instanceof TomlError && /line 2/.test(e.message),
  );
  assert.throws(
    () => readAtlasCliProfiles('a = "bad \\q escape"'),
    (e: unknown) => e instanceof TomlError && /^line 1: unrecognised escape sequence$/.test(e.message),
  );
});

const keys = (p: string) => `public_api_key = "pub-${p}"\nprivate_api_key = "priv-${p}"\n`;
const byName = (text: string) => Object.fromEntries(readAtlasCliProfiles(text).map((p) => [p.name, p]));

test('TOML: quoted table names, literal strings, numbers, booleans, comments and multi-line values around a profile', () => {
  const p = byName(
    `top = 1\n["my profile"]\nk = 'C:\\\\path' # c\nn = 1_000\nf = 1.5\nb = true\ns = """\nmulti\nline\n"""\n${keys('m')}`,
  );
  assert.deepEqual(Object.keys(p), ['my profile'], 'a top-level key is a CLI-wide setting, not a profile');
  assert.deepEqual(p['my profile'].credentials, { kind: 'apiKey', publicKey: 'pub-m', privateKey: 'priv-m' });
});

test('TOML: [a.b] is table b inside profile a; ["a.b"] is the profile named "a.b"', () => {
  const p = byName(`[a.b]\n${keys('nested')}\n["a.b"]\n${keys('dotted')}`);
  assert.deepEqual(Object.keys(p).sort(), ['a', 'a.b']);
  assert.deepEqual(p['a.b'].credentials, { kind: 'apiKey', publicKey: 'pub-dotted', privateKey: 'priv-dotted' });
  assert.equal(p.a.credentials, undefined, "profile a's own keys hold no credentials; b's are not a's");
  assert.match(p.a.unusable!, /no API key or service account/);
});

test('TOML: a duplicate key or a table defined twice is refused, naming the line', () => {
  assert.throws(
    () => readAtlasCliProfiles(`[default]\n${keys('1')}public_api_key = "again"\n`),
    (e: unknown) => e instanceof TomlError && /^line 4: /.test(e.message),
  );
  assert.throws(
    () => readAtlasCliProfiles(`[default]\n${keys('1')}\n[default]\n${keys('2')}`),
    (e: unknown) => e instanceof TomlError && /^line 5: .*already defined/.test(e.message),
  );
});

test('TOML: an inline table is read like any other table', () => {
  const p = byName(
    `ci = { client_id = "mdb_sa_id_7", client_secret = "mdb_sa_sk_7", service = "cloud" }\n[other]\nnested = { public_api_key = "x" }\n`,
  );
  assert.deepEqual(p.ci.credentials, { kind: 'serviceAccount', clientId: 'mdb_sa_id_7', clientSecret: 'mdb_sa_sk_7' });
  assert.equal(p.ci.baseUrl, 'https://cloud.mongodb.com');
  assert.equal(p.other.credentials, undefined, 'a value that is a table is not a credential');
});

test('config.toml is where the Atlas CLI documents it on each platform', () => {
  assert.equal(atlasCliConfigPath({}, 'linux', '/home/u'), '/home/u/.config/atlascli/config.toml');
  assert.equal(atlasCliConfigPath({ XDG_CONFIG_HOME: '/x' }, 'linux', '/home/u'), '/x/atlascli/config.toml');
  assert.equal(
    atlasCliConfigPath({}, 'darwin', '/Users/u'),
    '/Users/u/Library/Application Support/atlascli/config.toml',
  );
  assert.equal(
    atlasCliConfigPath({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u'),
    'C:\\Users\\u\\AppData\\Roaming\\atlascli\\config.toml',
  );
});
