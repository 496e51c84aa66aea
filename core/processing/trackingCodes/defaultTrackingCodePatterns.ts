import type { TrackingCodePattern } from './trackingCodePattern';

/**
 * Shapes of tracking codes on labels VTrack's first tenants ship with (Vietnamese
 * marketplaces and carriers) plus two international formats. Deliberately strict:
 * a read that fits none of them is dropped, so a misread or a product barcode in
 * view never becomes an order. Tenants with other carriers pass their own list.
 */
export const defaultTrackingCodePatterns: readonly TrackingCodePattern[] = [
  { carrier: 'SPX', pattern: 'SPXVN\\d{8,14}' },
  { carrier: 'GHN', pattern: 'GHN[0-9A-Z]{8,14}' },
  { carrier: 'VNPost', pattern: 'VNP\\d{8,14}' },
  { carrier: 'Lazada', pattern: 'LZDVN\\d{6,14}' },
  { carrier: 'J&T', pattern: 'JNTVN\\d{6,14}' },
  { carrier: 'NinjaVan', pattern: 'NJVVN\\d{6,14}' },
  { carrier: 'UPS', pattern: '1Z[0-9A-Z]{16}' },
  // UPU S10 (EMS, registered post): two letters, eight digits, a check digit, country.
  { carrier: 'UPU-S10', pattern: '[A-Z]{2}\\d{9}[A-Z]{2}' },
];
