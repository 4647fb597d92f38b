import type { Catalogue } from '../index.ts';

export const generic: Catalogue = {
  'generic.invalid': { message: 'Field {field} breaks rule {code}', hint: 'Check the field and submit again' },
  'generic.required': { message: 'Required field {field} is missing', hint: 'Fill in {field}' },
  'generic.type': { message: 'Field {field} must be of type {expected}', hint: 'Give {field} as {expected}' },
  'generic.too_small': { message: 'Field {field} is below the minimum {minimum}', hint: 'Enter a value of at least {minimum}' },
  'generic.too_big': { message: 'Field {field} is above the maximum {maximum}', hint: 'Enter a value of at most {maximum}' },
  'generic.enum': { message: 'Field {field} must be one of {options}', hint: 'Choose one of {options}' },
  'generic.format': { message: 'Field {field} is not in the format {format}', hint: 'Write it as {format}' },
  'generic.unknown_key': { message: 'Unknown field {field}', hint: 'Remove the field or check its spelling' },
};
