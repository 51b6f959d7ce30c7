import { z } from 'zod';

/** Secret values a form may send with a source; they go to the keychain, never to settings. */
export const sourceSecretsSchema = z.object({
  password: z.string().min(1).optional(),
  token: z.string().min(1).optional(),
});
export type SourceSecrets = z.infer<typeof sourceSecretsSchema>;
export type SecretName = keyof SourceSecrets;
export const secretNames = sourceSecretsSchema.keyof().options;
