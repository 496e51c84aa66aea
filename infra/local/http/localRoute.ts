/** A route the local stack serves beside the catalogue's, for the signed-in tenant; never deployed to AWS (there it is a 404). */
export type LocalRoute = (request: { readonly bearer: string; readonly tenantId: string; readonly body: Buffer }) => Promise<{ readonly status: number; readonly body: unknown }>;
