/** The operator console's session cookie (modules/systems/console-session.ts), named here for the OpenAPI too. */
export const CONSOLE_COOKIE = 'bridgecore_console';
