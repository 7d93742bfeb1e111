import { createHash } from 'node:crypto';

/** The console's pages load preact and htm as ES modules from this import map (served from node_modules). */
const IMPORT_MAP = JSON.stringify({
  imports: {
    preact: '/console/vendor/preact.mjs',
    'preact/hooks': '/console/vendor/hooks.mjs',
    htm: '/console/vendor/htm.mjs',
  },
});

/**
 * Only this origin's scripts and the import map above run; nothing loads from elsewhere, and no other site may
 * frame the console.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  `script-src 'self' 'sha256-${createHash('sha256').update(IMPORT_MAP).digest('base64')}'`,
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const head = (title: string): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · BridgeCore console</title>
<link rel="stylesheet" href="/console/static/console.css">`;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** The login form (the only page shown without a session): the operator gives the admin key. */
export function loginPage(error?: string): string {
  return `${head('Log in')}
</head>
<body class="login">
<main>
<h1>BridgeCore console</h1>
<form method="post" action="/console/login">
<label for="admin_key">Admin key (ADMIN_API_KEY)</label>
<input id="admin_key" name="admin_key" type="password" autocomplete="current-password" required autofocus>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<button type="submit">Log in</button>
</form>
</main>
</body>
</html>
`;
}

/** Every console page: the shell; web/app.js draws the page of the current path from the JSON endpoints. */
export function appPage(): string {
  return `${head('Console')}
<script type="importmap">${IMPORT_MAP}</script>
<script type="module" src="/console/assets/app.js"></script>
</head>
<body>
<div id="app"></div>
</body>
</html>
`;
}
