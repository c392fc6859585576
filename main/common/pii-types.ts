// The PII finding types the scanner reports (the HIPAA Safe Harbor identifiers and the legal ones): named here,
// in the contract's layer, so that requests naming a type are checked against the one list.
export const PII_TYPES = [
  'NAME', 'ADDRESS', 'GEO', 'ZIP', 'DATE', 'PHONE', 'FAX', 'EMAIL', 'SSN', 'MRN', 'HEALTH_PLAN', 'ACCOUNT',
  'LICENSE', 'VEHICLE', 'DEVICE', 'URL', 'IP', 'AGE_OVER_89', 'CASE_NUMBER', 'PARTY',
] as const;

export type PiiType = (typeof PII_TYPES)[number];
