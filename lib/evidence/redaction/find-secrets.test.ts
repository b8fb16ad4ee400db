import { describe, expect, it } from 'vitest';
import { findSecrets } from './find-secrets';
import { secretKeyKind } from './detectors';
import type { SecretType } from './secret-types';

/** [type, text, secret] — the finding must be exactly `secret`. Values are fake. */
const POSITIVES: [SecretType, string, string][] = [
  ['aws-access-key-id', 'key=AKIAZ7Q3MXL2P9KD4RWE in use', 'AKIAZ7Q3MXL2P9KD4RWE'],
  ['aws-secret-access-key', 'aws_secret_access_key = Kx9mP2vL8qR4tY6wZ1aB3cD5eF7gH9jK0lN2pQ4s', 'Kx9mP2vL8qR4tY6wZ1aB3cD5eF7gH9jK0lN2pQ4s'],
  ['aws-secret-access-key', 'AKIAZ7Q3MXL2P9KD4RWE,Kx9mP2vL8qR4tY6wZ1aB3cD5eF7gH9jK0lN2pQ4s', 'Kx9mP2vL8qR4tY6wZ1aB3cD5eF7gH9jK0lN2pQ4s'],
  ['gcp-service-account-key', '"private_key_id": "0123456789abcdef0123456789abcdef01234567",', '0123456789abcdef0123456789abcdef01234567'],
  ['gcp-api-key', 'maps key AIzaSyD4x9Qm2Lp7Kt3Vw8Rz1Bc6Nf5Hj0Gs2Ye end', 'AIzaSyD4x9Qm2Lp7Kt3Vw8Rz1Bc6Nf5Hj0Gs2Ye'],
  ['azure-connection-string', 'AccountName=x;AccountKey=Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFy+/abcdefgh==;EndpointSuffix=core.windows.net', 'Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFy+/abcdefgh=='],
  ['azure-sas-token', 'https://x.blob.core.windows.net/c?sv=2022-11-02&sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%2Babc%3D', 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%2Babc%3D'],
  ['github-token', 'token ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8', 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'],
  ['gitlab-token', 'PRIVATE-TOKEN: glpat-Ab3dEf6hIj9lMn2pQr5t', 'glpat-Ab3dEf6hIj9lMn2pQr5t'],
  ['slack-token', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'],
  ['slack-webhook', 'POST https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF12/AbCdEfGhIjKlMnOpQrStUvWx', 'https://hooks.slack.com/services/T0ABCDEF1/B0ABCDEF12/AbCdEfGhIjKlMnOpQrStUvWx'],
  ['stripe-key', 'Invalid API Key provided: sk_test_4eC39HqLyjWDarjtT1zdp7dc', 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'],
  ['openai-key', 'OPENAI_API_KEY=sk-proj-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0UvWxYz12', 'sk-proj-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0UvWxYz12'],
  ['anthropic-key', "'x-api-key': 'sk-ant-api03-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv_Wx-Yz12Ab3Cd4Ef5Gh6Ij7Kl8AA'", 'sk-ant-api03-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv_Wx-Yz12Ab3Cd4Ef5Gh6Ij7Kl8AA'],
  ['jwt', 'cookie=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLXZhbHVlLTEyMw; path=/', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLXZhbHVlLTEyMw'],
  ['bearer-token', 'Authorization: Bearer 9f8e7d6c5b4a3f2e1d0cAbCdEf', '9f8e7d6c5b4a3f2e1d0cAbCdEf'],
  ['basic-auth', 'Authorization: Basic ZGVwbG95OnMzY3JldA==', 'ZGVwbG95OnMzY3JldA=='],
  ['password-in-url', 'DATABASE_URL=postgres://app:Pa55word@db:5432/app', 'Pa55word'],
  ['connection-string-password', 'Server=db;Database=app;User ID=sa;Password=Pa55word!;', 'Pa55word!'],
  ['connection-string-password', "dsn='host=db port=5432 dbname=app user=x password=Pa55word'", 'Pa55word'],
  ['config-password', '  password: correct horse battery staple', 'correct horse battery staple'],
  ['config-password', '"db_password": "Pa55word"', 'Pa55word'],
  ['config-password', 'docker login --password Pa55word! registry', 'Pa55word!'],
  ['config-password', '<password>Pa55word</password>', 'Pa55word'],
  ['config-secret', 'export SESSION_SECRET=4f3c2b1a0f9e8d7c6b5a', '4f3c2b1a0f9e8d7c6b5a'],
  ['config-secret', 'GET /export?access_token=Zx81Kq02mW&fmt=csv', 'Zx81Kq02mW'],
  ['email', 'sent to jane.doe@acme-corp.com today', 'jane.doe@acme-corp.com'],
];

describe('findSecrets', () => {
  it.each(POSITIVES)('finds a %s', (type, text, secret) => {
    const found = findSecrets(text);
    expect(found.map((f) => [f.type, text.slice(f.start, f.end)])).toContainEqual([type, secret]);
  });

  it('finds PEM private keys, also with escaped newlines in JSON', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\nAbCd==\n-----END RSA PRIVATE KEY-----';
    const text = `key:\n${pem}\ndone`;
    expect(findSecrets(text).map((f) => text.slice(f.start, f.end))).toEqual([pem]);
    const json = '{"private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\n-----END PRIVATE KEY-----\\n"}';
    expect(findSecrets(json)[0]!.type).toBe('private-key');
  });

  it.each([
    ['a git commit', 'HEAD is now at 4f2a9c117b0ed3558a61c2903fab17e46d095cb8 fix'],
    ['a certificate', '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIE\n-----END CERTIFICATE-----'],
    ['a publishable Stripe key', 'pk_test_51HqLyjWDarjtT1zdp7dcXwzL3N9S2'],
    ['prose about passwords', 'Failed password for root from 10.0.0.1 port 22 ssh2; password policy: min length 12'],
    ['settings that are not secrets', 'PASSWORD_MIN_LENGTH=12\nTOKEN_EXPIRY_SECONDS=900\nmax_tokens=4096\nsecretName: db-creds'],
    ['placeholders', 'DB_PASSWORD=${DB_PASSWORD}\nAPI_KEY=<your key>\npassword: "********"\nclient_secret: {{ .Values.secret }}'],
    ['file names and ssh remotes', 'logo@2x.png git@github.com:acme/app.git'],
    ['a UUID and a request id', 'request 3f2b9c1e-8a4d-4b7e-9c2f-1d5e6a7b8c9d id req-9f8e7d6c5b4a'],
    ['a masked key', 'key_id=AKIA**************** rotated'],
    ['an IP and a host name by default', 'upstream 10.42.9.3 db-1.prod.acme-corp.com'],
  ])('leaves %s alone', (_, text) => {
    expect(findSecrets(text)).toEqual([]);
  });

  it('masks addresses and host names only when asked, and not versions or loopback', () => {
    const text = 'db 10.42.9.3 and db-1.prod.acme-corp.com; version 1.4.2.9; 127.0.0.1; vip 2001:db8::17';
    expect(findSecrets(text, { ipAddresses: true, hostnames: true }).map((f) => [f.type, text.slice(f.start, f.end)])).toEqual([
      ['ip-address', '10.42.9.3'],
      ['hostname', 'db-1.prod.acme-corp.com'],
      ['ip-address', '2001:db8::17'],
    ]);
  });

  it('lets the specific detector win over the generic one', () => {
    const text = 'api_key=sk-proj-Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0UvWxYz12';
    expect(findSecrets(text).map((f) => f.type)).toEqual(['openai-key']);
  });

  it('reads key names the way configs write them', () => {
    expect(secretKeyKind('spring.datasource.password')).toBe('password');
    expect(secretKeyKind('keyPassword')).toBe('password');
    expect(secretKeyKind('PGPASSWORD')).toBe('password');
    expect(secretKeyKind('x-api-key')).toBe('secret');
    expect(secretKeyKind('AWS_SESSION_TOKEN')).toBe('secret');
    expect(secretKeyKind('password_min_length')).toBeNull();
    expect(secretKeyKind('token_type')).toBeNull();
    expect(secretKeyKind('primary_key')).toBeNull();
  });
});
