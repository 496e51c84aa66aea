// Reads what a googleapis call failed with. Several gaxios copies are installed
// (googleapis-common pins its own), so `instanceof GaxiosError` is unreliable:
// this checks the class name (GaxiosError does not set `name`) and the shape.
export interface GaxiosFailure {
  message: string;
  status: number | undefined;
  data: unknown;
  headers: Headers | undefined;
}

export function gaxiosFailure(error: unknown): GaxiosFailure {
  if (!(error instanceof Error) || error.constructor.name !== 'GaxiosError') throw new Error(`not a GaxiosError: ${String(error)}`);
  const { response } = error as Error & { response?: { status: number; data: unknown; headers: Headers } };
  return { message: error.message, status: response?.status, data: response?.data, headers: response?.headers };
}

/** The first Drive error reason in a failure's body, e.g. 'userRateLimitExceeded'. */
export function driveReason(error: unknown): string | undefined {
  const data = gaxiosFailure(error).data as { error?: { errors?: Array<{ reason?: string }> } } | undefined;
  return data?.error?.errors?.[0]?.reason;
}
