import { OdooError, toOdooError, typeError } from './errors';
import type { Outcome, SimResponse } from './http-response';
import { dispatchRpc, gate, identify, RESET_AFTER_COMMIT, type IncomingRpc, type SimContext } from './rpc-context';
import { CannotMarshalNone, decodeMethodCall, encodeFault, encodeResponse } from './xml-rpc-codec';

/** Odoo's XML-RPC endpoints: /xmlrpc/2/<service> (integer faultCodes) and the legacy /xmlrpc/<service>. */

function xmlResponse(body: string, ok: boolean): SimResponse {
  return { status: 200, contentType: 'text/xml; charset=utf-8', body, nosniff: ok };
}

/** Odoo's xmlrpc_handle_exception_int: 2 UserError family, 3 AccessDenied, 4 AccessError, 1 + traceback otherwise. */
export function faultFor(err: OdooError): { faultCode: number; faultString: string } {
  return { faultCode: err.faultCode, faultString: err.faultCode === 1 ? err.traceback() : err.message };
}

/** The legacy endpoint's string fault codes ('warning -- MissingError\n\n...', 'AccessDenied'). */
function legacyFault(err: OdooError): { faultCode: string; faultString: string } {
  const cls = err.pyName.slice(err.pyName.lastIndexOf('.') + 1);
  if (err.faultCode === 3) return { faultCode: 'AccessDenied', faultString: err.message };
  if (err.faultCode === 2 || err.faultCode === 4) return { faultCode: `warning -- ${cls}\n\n${err.message}`, faultString: '' };
  return { faultCode: err.message, faultString: err.traceback() };
}

export async function handleXmlRpc(ctx: SimContext, req: IncomingRpc): Promise<Outcome> {
  const legacy = !req.path.startsWith('/xmlrpc/2/');
  const service = req.path.slice(req.path.lastIndexOf('/') + 1);
  const fault = (err: OdooError): SimResponse => {
    const f = legacy ? legacyFault(err) : faultFor(err);
    return xmlResponse(encodeFault(f.faultCode, f.faultString), false);
  };
  let call: { methodName: string; params: unknown[] };
  try {
    if (req.httpMethod !== 'POST') throw new Error('XML-RPC needs POST');
    call = decodeMethodCall(req.body);
  } catch (err) {
    return fault(new OdooError('xml.parsers.expat.ExpatError', err instanceof Error ? err.message : 'invalid XML', 1));
  }
  const gated = await gate(ctx, identify(service, call.methodName, call.params));
  if (gated instanceof OdooError) return fault(gated);
  if (gated && gated !== RESET_AFTER_COMMIT) return gated;
  let result: unknown;
  try {
    result = await dispatchRpc(ctx, service, call.methodName, call.params);
  } catch (err) {
    return gated === RESET_AFTER_COMMIT ? { kind: 'destroy' } : fault(toOdooError(err));
  }
  if (gated === RESET_AFTER_COMMIT) return { kind: 'destroy' };
  try {
    return xmlResponse(encodeResponse(result), true);
  } catch (err) {
    if (err instanceof CannotMarshalNone) {
      // The method ran and committed; only marshalling its None result failed, as on a real server.
      const marshal = typeError('cannot marshal None unless allow_none is enabled');
      return fault(marshal);
    }
    throw err;
  }
}
