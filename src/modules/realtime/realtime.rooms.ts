/**
 * Socket.IO room names. SPEC §6 names a user's room `/ws/<user_id>`, but Odoo user ids are unique only
 * within one tenant (connected system), so the room carries the tenant too. The tenant id is URI-encoded so
 * it never contains "/": a user room has three segments and a tenant room two, and no tenant id can forge
 * another tenant's (or user's) room name.
 */
export function userRoom(tenantId: string, userId: number): string {
  return `/ws/${encodeURIComponent(tenantId)}/${userId}`;
}

export function tenantRoom(tenantId: string): string {
  return `/ws/${encodeURIComponent(tenantId)}`;
}
