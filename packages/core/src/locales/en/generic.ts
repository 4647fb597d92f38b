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
  'generic.empty': { message: '{field} must not be empty', hint: 'Fill in {field}' },
  'generic.too_short': { message: '{field} needs at least {minimum} characters', hint: 'Complete {field}' },
  'generic.too_long': { message: '{field} takes at most {maximum} characters', hint: 'Shorten it to {maximum} characters or fewer' },
  'generic.too_few': { message: '{field} needs at least {minimum} entries', hint: 'Add one or more entries' },
  'generic.too_many': { message: '{field} takes at most {maximum} entries', hint: 'Remove the extra entries, or submit them separately' },
  'generic.type_string': { message: '{field} must be text', hint: 'Write {field} as text' },
  'generic.type_number': { message: '{field} must be a number', hint: 'Write {field} as a number' },
  'generic.type_int': { message: '{field} must be a whole number', hint: 'Write {field} as a whole number' },
  'generic.type_boolean': { message: '{field} must be yes or no', hint: 'Choose yes or no' },
  'generic.type_array': { message: '{field} must be a list', hint: 'Give {field} entry by entry' },
  'generic.type_object': { message: '{field} is not in the right shape (a group of fields)', hint: 'Fill in the parts of {field} as described' },
  'generic.type_date': { message: '{field} must be a date', hint: 'Write the date as 2026-03-01' },
};
