/**
 * The organisation directory behind the submitters' pickers (`GET /api/organizations/directory`):
 * supply-chain organisations as the public registers show them (China's UDI database, licence
 * registers). No address, contacts or anything else that is not public, because every logged-in
 * user may read it; regulators are not listed.
 */
export const DIRECTORY_TYPES = ['manufacturer', 'distributor', 'logistics', 'institution'] as const;
export type DirectoryType = (typeof DIRECTORY_TYPES)[number];

export interface DirectoryEntry {
  id: number;
  type: DirectoryType;
  name: string;
  nameEn: string | null;
  creditCode: string | null;
  regionCode: string;
  regionName: string | null;
  gln: string | null;
}
