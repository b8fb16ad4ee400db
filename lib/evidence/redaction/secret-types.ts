/** Every kind of secret or personal datum the redactor masks, as reported in findings. */
export const SECRET_TYPES = [
  'private-key',
  'aws-access-key-id',
  'aws-secret-access-key',
  'gcp-service-account-key',
  'gcp-api-key',
  'azure-connection-string',
  'azure-sas-token',
  'github-token',
  'gitlab-token',
  'slack-token',
  'slack-webhook',
  'stripe-key',
  'openai-key',
  'anthropic-key',
  'jwt',
  'bearer-token',
  'basic-auth',
  'password-in-url',
  'connection-string-password',
  'config-password',
  'config-secret',
  'email',
  'ip-address',
  'hostname',
] as const;

export type SecretType = (typeof SECRET_TYPES)[number];

/** Human labels for the preview panel. */
export const SECRET_LABELS: Record<SecretType, string> = {
  'private-key': 'Private key',
  'aws-access-key-id': 'AWS access key ID',
  'aws-secret-access-key': 'AWS secret access key',
  'gcp-service-account-key': 'GCP service account key',
  'gcp-api-key': 'Google API key',
  'azure-connection-string': 'Azure connection string key',
  'azure-sas-token': 'Azure SAS signature',
  'github-token': 'GitHub token',
  'gitlab-token': 'GitLab token',
  'slack-token': 'Slack token',
  'slack-webhook': 'Slack webhook URL',
  'stripe-key': 'Stripe key',
  'openai-key': 'OpenAI key',
  'anthropic-key': 'Anthropic key',
  jwt: 'JSON Web Token',
  'bearer-token': 'Bearer token',
  'basic-auth': 'Basic auth credentials',
  'password-in-url': 'Password in URL',
  'connection-string-password': 'Connection string password',
  'config-password': 'Password in config',
  'config-secret': 'Secret or token in config',
  email: 'E-mail address',
  'ip-address': 'IP address',
  hostname: 'Host name',
};

/** A masked span of the original text. Offsets are UTF-16 code units (JavaScript string indexes). */
export interface Finding {
  type: SecretType;
  start: number;
  end: number;
}
