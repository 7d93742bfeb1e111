// The console shell: header, navigation, system choice; each page draws from /api/v1/console (docs/console.md).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, html, params } from './api.js';
import { DevicesPage, PushesPage, SystemsPage } from './pages.js';
import { WhyPage } from './why.js';
import { LivePage } from './live.js';

const PAGES = [
  ['systems', 'Systems', SystemsPage],
  ['devices', 'Devices', DevicesPage],
  ['pushes', 'Pushes', PushesPage],
  ['why', 'Why', WhyPage],
  ['live', 'Live', LivePage],
];

function currentPage() {
  const name = window.location.pathname.replace(/^\/console\/?/, '') || 'systems';
  return PAGES.find(([key]) => key === name) ?? PAGES[0];
}

function App() {
  const [systems, setSystems] = useState(null);
  const [error, setError] = useState(null);
  const reload = () =>
    api('/api/v1/console/systems').then(
      (data) => setSystems(data.systems),
      (e) => setError(e.message),
    );
  useEffect(() => {
    reload();
  }, []);
  const [key, title, Page] = currentPage();
  const chosen = params().get('system') ?? systems?.[0]?.id ?? null;
  const link = (page) => `/console/${page}${chosen ? `?system=${encodeURIComponent(chosen)}` : ''}`;
  return html`
    <header>
      <strong>BridgeCore console</strong>
      <nav>${PAGES.map(([page, label]) => html`<a href=${link(page)} class=${page === key ? 'active' : ''}>${label}</a>`)}</nav>
      ${systems && systems.length > 1 &&
      html`<label class="muted">System
        <select onChange=${(e) => window.location.assign(`/console/${key}?system=${encodeURIComponent(e.target.value)}`)}>
          ${systems.map((s) => html`<option value=${s.id} selected=${s.id === chosen}>${s.id}</option>`)}
        </select></label>`}
      <form method="post" action="/console/logout"><button type="submit">Log out</button></form>
    </header>
    <main>
      <h1>${title}${chosen && key !== 'systems' ? html` <span class="muted">· ${chosen}</span>` : ''}</h1>
      ${error && html`<p class="error">${error}</p>`}
      ${systems && html`<${Page} system=${chosen} systems=${systems} reloadSystems=${reload} />`}
    </main>
  `;
}

render(html`<${App} />`, document.getElementById('app'));
