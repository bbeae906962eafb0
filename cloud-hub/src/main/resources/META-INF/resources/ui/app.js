// The contractor's overview: what is broken, most urgent first, with its owner and deadline; counts by place.
// Everything comes from the REST API; /api/live says when to fetch again, so the page stays live without reloads.
(function () {
  'use strict';
  // a hub with users answers 401 until someone logs in: go to the login page and come back here afterwards
  const apiFetch = window.fetch.bind(window);
  window.fetch = async (...args) => {
    const response = await apiFetch(...args);
    if (response.status === 401) {
      location.href = 'login.html?next=' + encodeURIComponent(location.pathname + location.search);
      throw new Error('login required');
    }
    return response;
  };
  const TEXT = window.KIOSKOPS_TEXT;
  let lang = localStorage.getItem('kioskops.lang') || (navigator.language && navigator.language.startsWith('zh') ? 'zh-CN' : 'en');
  let alerts = [];
  let fleet = null;
  let names = {};
  let pending = false;
  // the places someone opened stay open when the page redraws
  const openPlaces = new Set();

  const t = (key) => (TEXT[lang] && TEXT[lang][key]) || TEXT.en[key] || key;
  const $ = (id) => document.getElementById(id);

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    $('lang').textContent = lang === 'en' ? '中文' : 'English';
    render();
  }

  function duration(ms) {
    const m = Math.max(0, Math.round(ms / 60000));
    if (m < 60) return m + (lang === 'en' ? ' min' : ' 分钟');
    const h = Math.floor(m / 60);
    if (h < 48) return h + (lang === 'en' ? ' h ' : ' 小时 ') + (m % 60) + (lang === 'en' ? ' min' : ' 分钟');
    return Math.floor(h / 24) + (lang === 'en' ? ' days' : ' 天');
  }

  // overdue first, then the nearest deadline (response while open, repair once acknowledged), then the longest waiting
  function urgency(a) {
    const overdue = a.responseOverdue || a.repairOverdue ? 0 : 1;
    const deadline = a.status === 'open' ? a.respondBy : a.repairBy;
    return [overdue, deadline ? Date.parse(deadline) : Number.MAX_SAFE_INTEGER, Date.parse(a.conditionSince || a.openedAt)];
  }

  function compare(x, y) {
    const a = urgency(x);
    const b = urgency(y);
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) return a[i] - b[i];
    }
    return 0;
  }

  function place(siteId) {
    const parts = [];
    let id = siteId;
    while (id && names[id]) {
      parts.unshift(names[id].name);
      id = names[id].parentId;
    }
    return parts.slice(1).join(' › ') || siteId || '';
  }

  function render() {
    const list = $('broken');
    const now = Date.now();
    const sorted = alerts.slice().sort(compare);
    list.replaceChildren(...sorted.map((a) => {
      const li = document.createElement('li');
      li.className = 'alert ' + a.status + (a.responseOverdue || a.repairOverdue ? ' late' : '');
      li.dataset.device = a.deviceId;
      li.dataset.alert = a.id;
      li.dataset.status = a.status;
      const deadline = a.status === 'open' ? a.respondBy : a.repairBy;
      const late = a.responseOverdue || a.repairOverdue;
      li.innerHTML = '<div class="what"><strong></strong> <a class="device"></a></div>'
        + '<div class="where"></div><div class="who"></div><div class="when"></div><div class="act"></div>';
      li.querySelector('strong').textContent = t(a.type) + (a.component && !['device', 'agent', 'network', 'system'].includes(a.component) ? ' · ' + a.component : '');
      li.querySelector('.device').textContent = a.deviceId;
      li.querySelector('.device').href = 'device.html?id=' + encodeURIComponent(a.deviceId);
      li.querySelector('.where').textContent = place(a.siteId);
      li.querySelector('.who').textContent = t('owner') + ': ' + (a.owner || t('noOwner')) + (a.assignee ? ' → ' + a.assignee : '');
      li.querySelector('.when').textContent = t('waiting') + ' ' + duration(now - Date.parse(a.conditionSince || a.openedAt))
        + (deadline ? ' · ' + (a.status === 'open' ? t('respondBy') : t('repairBy')) + ' ' + new Date(deadline).toLocaleString(lang)
          + (late ? ' (' + t('late') + ')' : '') : '');
      const act = li.querySelector('.act');
      if (a.status === 'open') {
        act.appendChild(button('acknowledge', () => act_on(a.id, 'acknowledge')));
      } else {
        const by = document.createElement('span');
        by.className = 'by';
        by.textContent = t('acknowledged') + (a.acknowledgedBy ? ' · ' + a.acknowledgedBy : '');
        act.appendChild(by);
      }
      act.appendChild(button('assign', () => ask('assignTo', (v) => act_on(a.id, 'assign', { assignee: v }))));
      act.appendChild(button('resolve', () => ask('resolveNote', (v) => act_on(a.id, 'resolve', { note: v }))));
      act.appendChild(button('comment', () => ask('commentText', (v) => act_on(a.id, 'comments', { body: v }))));
      return li;
    }));
    $('empty').hidden = sorted.length > 0;
    $('active').textContent = alerts.length;
    $('overdue').textContent = alerts.filter((a) => a.responseOverdue || a.repairOverdue).length;
    if (fleet) {
      $('offline').textContent = fleet.totals.offline;
      $('online').textContent = fleet.totals.online;
      $('places').replaceChildren(...fleet.sites.map((n) => tree(n, 0)));
    }
  }

  // the site tree with its rolled-up counts, down to each site (智慧屋), whose boxes load when it is opened
  function tree(node, depth) {
    const c = node.counts;
    const box = document.createElement('details');
    box.className = 'place ' + (c.offline + c.faulty > 0 ? 'bad' : 'ok');
    box.dataset.site = node.id;
    if (depth < 2 || openPlaces.has(node.id)) box.open = true;
    const label = document.createElement('summary');
    label.textContent = t(node.kind) + ' ' + node.name + ' — ' + c.total + ' ' + t('devices') + ', ' + c.offline + ' ' + t('offline')
      + ', ' + c.faulty + ' ' + t('faulty');
    box.appendChild(label);
    box.addEventListener('toggle', () => {
      if (box.open) openPlaces.add(node.id); else openPlaces.delete(node.id);
      if (box.open && node.kind === 'site') boxes(node.id, box);
    });
    node.children.forEach((child) => box.appendChild(tree(child, depth + 1)));
    if (box.open && node.kind === 'site') boxes(node.id, box);
    return box;
  }

  async function boxes(siteId, into) {
    const page = await (await fetch('/api/devices?site=' + encodeURIComponent(siteId) + '&limit=200')).json();
    into.querySelectorAll(':scope > ul.boxes').forEach((ul) => ul.remove());
    const ul = document.createElement('ul');
    ul.className = 'boxes';
    page.items.forEach((d) => {
      const li = document.createElement('li');
      li.className = 'box ' + d.connection;
      const a = document.createElement('a');
      a.href = 'device.html?id=' + encodeURIComponent(d.id);
      a.textContent = d.id;
      li.appendChild(a);
      li.appendChild(document.createTextNode(' · ' + t(d.connection) + (d.activeFaults ? ' · ' + d.activeFaults + ' ' + t('faulty') : '')
        + (d.compartments ? ' · ' + d.occupied + '/' + d.compartments + ' ' + t('occupied') : '')));
      ul.appendChild(li);
    });
    into.appendChild(ul);
  }

  function index(nodes) {
    nodes.forEach((n) => { names[n.id] = { name: n.name, parentId: n.parentId }; index(n.children); });
  }

  async function refresh() {
    if (pending) return;
    pending = true;
    try {
      const [a, f] = await Promise.all([fetch('/api/alerts?status=active&limit=1000'), fetch('/api/sites')]);
      alerts = await a.json();
      fleet = await f.json();
      names = {};
      index(fleet.sites);
      render();
      // for the browser test's measurement: from navigation to the first complete overview on screen
      if (window.kioskopsFirstRenderMs === undefined) window.kioskopsFirstRenderMs = performance.now();
    } finally {
      pending = false;
    }
  }

  function button(key, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = key;
    b.textContent = t(key);
    b.addEventListener('click', onClick);
    return b;
  }

  function ask(question, then) {
    const answer = (window.prompt(t(question)) || '').trim();
    if (answer) then(answer);
  }

  function actor() {
    let name = localStorage.getItem('kioskops.actor');
    if (!name) {
      name = (window.prompt(t('who')) || '').trim() || 'dashboard';
      localStorage.setItem('kioskops.actor', name);
    }
    return name;
  }

  // acknowledge, assign, resolve or comment; the live feed brings the change to every open page
  async function act_on(id, action, body) {
    const response = await fetch('/api/alerts/' + id + '/' + action, {
      method: 'POST',
      headers: Object.assign({ 'X-KioskOps-Actor': actor() }, body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined,
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      window.alert(problem.detail || problem.title || response.status);
    }
    refresh();
  }

  function listen() {
    const source = new EventSource('/api/live');
    source.onopen = () => { $('live').dataset.state = 'live'; $('live').textContent = t('live'); };
    source.onmessage = () => refresh();
    source.onerror = () => { $('live').dataset.state = 'reconnecting'; $('live').textContent = t('reconnecting'); };
  }

  $('lang').addEventListener('click', () => {
    lang = lang === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem('kioskops.lang', lang);
    applyLanguage();
  });
  applyLanguage();
  refresh().then(listen);
  // waiting times move on even when nothing changes
  setInterval(render, 60000);
})();
