import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Patients' personal data under the national algorithms: SM4-CBC with a random IV, then HMAC-SM3
 * over version, IV and ciphertext (encrypt-then-MAC; this Node has no SM4-GCM), and pseudonymous
 * patient keys as HMAC-SM3 of the identity. All three keys are derived from LIANJIAN_PII_KEY with
 * their own labels, so none of them is ever used for two purposes.
 *
 * Ciphertext format: `v1.` + base64url(iv[16] ‖ ciphertext ‖ tag[32]).
 */
const VERSION = 'v1';

export class PiiDecryptError extends Error {}

export class PiiCipher {
  readonly #encKey: Buffer;
  readonly #macKey: Buffer;
  readonly #pseudonymKey: Buffer;

  constructor(key: string) {
    if (key.length < 16) throw new RangeError('the PII key must be at least 16 characters');
    const derive = (label: string) => createHmac('sm3', key).update(label).digest();
    this.#encKey = derive('lianjian/pii/sm4-cbc/v1').subarray(0, 16);
    this.#macKey = derive('lianjian/pii/hmac-sm3/v1');
    this.#pseudonymKey = derive('lianjian/pii/patient-key/v1');
  }

  encrypt(plain: string): string {
    const iv = randomBytes(16);
    const cipher = createCipheriv('sm4-cbc', this.#encKey, iv);
    const body = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([body, this.#tag(body)]).toString('base64url')}`;
  }

  decrypt(token: string): string {
    const [version, data] = token.split('.', 2);
    if (version !== VERSION || !data) throw new PiiDecryptError('unknown ciphertext version');
    const raw = Buffer.from(data, 'base64url');
    if (raw.length < 16 + 16 + 32) throw new PiiDecryptError('ciphertext too short');
    const body = raw.subarray(0, raw.length - 32);
    if (!timingSafeEqual(raw.subarray(raw.length - 32), this.#tag(body))) throw new PiiDecryptError('ciphertext tag mismatch');
    const decipher = createDecipheriv('sm4-cbc', this.#encKey, body.subarray(0, 16));
    return Buffer.concat([decipher.update(body.subarray(16)), decipher.final()]).toString('utf8');
  }

  /**
   * The pseudonymous key of a patient: the same person gives the same key whoever reports, so
   * reports can be matched without anyone seeing who it is. By identity number when there is one,
   * else by name and date of birth.
   */
  patientKey(identity: { name: string; idNumber?: string | undefined; birthDate?: string | undefined }): string {
    const basis = identity.idNumber
      ? `id:${identity.idNumber.toUpperCase()}`
      : `nb:${identity.name.normalize('NFKC').replace(/\s+/g, '')}|${identity.birthDate ?? ''}`;
    return `pk_${createHmac('sm3', this.#pseudonymKey).update(basis).digest('hex').slice(0, 32)}`;
  }

  #tag(body: Buffer): Buffer {
    return createHmac('sm3', this.#macKey).update(VERSION).update(body).digest();
  }
}
