import type { AppDeps } from '../../app-context.ts';
import { PiiCipher } from '../patients/pii-cipher.ts';

// One cipher per configuration: deriving its three keys is not free, and services are built per app.
const ciphers = new WeakMap<AppDeps['config'], PiiCipher>();

/** The patient-identity cipher of this app's LIANJIAN_PII_KEY (services that encrypt or unmask share it). */
export function piiCipherOf(deps: AppDeps): PiiCipher {
  let cipher = ciphers.get(deps.config);
  if (!cipher) {
    if (!deps.config.piiKey) throw new Error('LIANJIAN_PII_KEY is not configured');
    ciphers.set(deps.config, (cipher = new PiiCipher(deps.config.piiKey)));
  }
  return cipher;
}
