/** The external-API services a client calls. */
export type OdooService = 'common' | 'object' | 'db';

/** One wire protocol to one Odoo: sends a service call, answers its result or throws a mapped OdooError. */
export interface OdooTransport {
  call(service: OdooService, method: string, args: unknown[]): Promise<unknown>;
}
