import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface NewPatientIdentity {
  patientKey: string;
  nameCiphertext: string;
  idNumberCiphertext: string | null;
  birthDateCiphertext: string | null;
  nameMasked: string;
  idNumberMasked: string | null;
}

/** Encrypted patient identities (SM4); the rows that point here carry only the key and masked forms. */
export const patientIdentitiesRepository = {
  async insert(db: Kysely<DB>, p: NewPatientIdentity): Promise<number> {
    const r = await db
      .insertInto('patient_identities')
      .values({
        patient_key: p.patientKey, name_ciphertext: p.nameCiphertext, id_number_ciphertext: p.idNumberCiphertext,
        birth_date_ciphertext: p.birthDateCiphertext, name_masked: p.nameMasked, id_number_masked: p.idNumberMasked,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  },
};
