import type { Catalogue } from '../index.ts';

export const masterData: Catalogue = {
  'credit_code.length': { message: 'A unified social credit code has 18 characters, this one has {actual}', hint: 'Copy the 18-character code from the business licence' },
  'credit_code.charset': { message: 'Character {position} of the credit code, "{char}", is not allowed (I, O, Z, S, V are never used)', hint: 'Check that character; 0 and O, 1 and I are easily confused' },
  'credit_code.region': { message: 'Characters 3–8 of the credit code must be a region code, found "{region}"', hint: 'Check characters 3–8 of the code' },
  'credit_code.check_char': { message: 'Wrong check character in the credit code: expected "{expected}", found "{actual}" (GB 32100)', hint: 'Compare the code character by character with the business licence; usually one character was mistyped' },
  'registration_number.format': { message: '"{number}" is not a registration certificate or filing number', hint: 'A registration number looks like 国械注准20193140001, a filing number like 浙杭械备20200012号' },
  'registration_number.issuer': { message: 'The issuing authority "{issuer}" in the registration number does not exist', hint: 'Use 国 or a province abbreviation such as 浙, 苏, 粤' },
  'registration_number.class_one_registered': { message: 'Class I devices are filed, not registered: "{number}" cannot exist', hint: 'Give the filing number of a class I product' },
  'registration_number.class_three_provincial': { message: 'Class III devices are registered by the NMPA; the provincial number "{number}" cannot exist', hint: 'Class III numbers start with 国械注' },
  'registration_number.category': { message: 'Category code "{category}" is not in the classification catalogue (01–22, IVD reagents 40)', hint: 'Check digits 10–11 of the registration number' },
  'registration_number.year': { message: 'Registration year {year} is not plausible', hint: 'Check digits 5–8 of the registration number' },
};
