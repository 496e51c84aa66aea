import { ApiError } from './ApiError';
import { request } from './client';
import type { SampleOfferView } from './types';

/** The sample footage offer of `npm start`; null where there is none (AWS, or the stack cannot tell). */
export async function getSampleOffer(signal?: AbortSignal): Promise<SampleOfferView | null> {
  try {
    return await request<SampleOfferView>('GET', '/local/sample', { signal });
  } catch (error) {
    if (error instanceof ApiError) return null;
    throw error;
  }
}

/** Takes the offer: this computer's agent watches a folder of sample footage. */
export function acceptSampleOffer(): Promise<SampleOfferView> {
  return request<SampleOfferView>('POST', '/local/sample');
}
