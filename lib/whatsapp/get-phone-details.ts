import 'server-only';
import { graphGet, graphUrl, type GraphCallOptions } from './graph-http';
import type { GraphResult, PhoneDetails, SenderCredentials } from './types';

const FIELDS = 'display_phone_number,verified_name,quality_rating,throughput,status';

type RawPhone = {
  id?: string;
  display_phone_number?: string;
  verified_name?: string;
  quality_rating?: string;
  throughput?: { level?: string };
  status?: string;
};

/** Validates a sender: a bad token answers 190 (decision 'token_invalid'). */
export async function getPhoneDetails(creds: SenderCredentials, opts: GraphCallOptions = {}): Promise<GraphResult<PhoneDetails>> {
  const result = await graphGet<RawPhone>(creds, `${graphUrl(creds, creds.phoneNumberId)}?fields=${FIELDS}`, opts);
  if (!result.ok) return result;
  const p = result.data;
  return {
    ok: true,
    data: {
      id: p.id ?? creds.phoneNumberId,
      displayPhoneNumber: p.display_phone_number,
      verifiedName: p.verified_name,
      qualityRating: p.quality_rating,
      throughputLevel: p.throughput?.level,
      status: p.status,
    },
  };
}
