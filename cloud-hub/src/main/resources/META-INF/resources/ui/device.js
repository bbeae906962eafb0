// One box: its latest state with every locker compartment, charts of the last 24 hours from the telemetry API
// (Apache ECharts), and its timeline of events; live like the overview.
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
  const id = new URLSearchParams(location.search).get('id');
  let lang = localStorage.getItem('kioskops.lang') || (navigator.language && navigator.language.startsWith('zh') ? 'zh-CN' : 'en');
  const charts = {};
  const t = (key) => (TEXT[lang] && TEXT[lang][key]) || TEXT.en[key] || key;
  const $ = (x) => document.getElementById(x);

  function fact(label, value) {
    const div = document.createElement('div');
    div.className = 'fact';
    div.innerHTML = '<span class="label"></span><span class="value"></span>';
    div.querySelector('.label').textContent = t(label);
    div.querySelector('.value').textContent = value == null ? '–' : value;
    return div;
  }

  function renderDetails(d) {
    const s = d.device;
    $('title').textContent = s.id;
    const place = d.site.slice(1).map((n) => n.name).join(' › ');
    $('facts').replaceChildren(
      fact('connection', t(s.connection) + (s.connectionSince ? ' · ' + new Date(s.connectionSince).toLocaleString(lang) : '')),
      fact('place', place), fact('model', s.model), fact('agentVersion', s.agentVersion),
      fact('screen', d.telemetry.screenState ? t('screen_' + d.telemetry.screenState) : null),
      fact('temperature', d.telemetry.cpuTempC == null ? null : d.telemetry.cpuTempC + ' °C'),
      fact('faults', d.faults.length ? d.faults.map((f) => f.component + ': ' + f.code).join(', ') : t('none')));
    $('facts').dataset.connection = s.connection;
    $('lockers').replaceChildren(...d.lockers.map((bank) => {
      const box = document.createElement('div');
      box.className = 'bank';
      const title = document.createElement('div');
      title.className = 'bank-title';
      title.textContent = t('bank') + ' ' + bank.bank;
      box.appendChild(title);
      const grid = document.createElement('div');
      grid.className = 'compartments';
      bank.compartments.forEach((c) => {
        const cell = document.createElement('span');
        cell.className = 'compartment' + (c.occupied ? ' occupied' : '') + (c.doorOpen ? ' open' : '');
        cell.textContent = c.no;
        cell.title = (c.occupied ? t('occupied') : t('empty')) + (c.doorOpen ? ', ' + t('doorOpen') : '');
        grid.appendChild(cell);
      });
      box.appendChild(grid);
      return box;
    }));
  }

  function renderEvents(events) {
    if (!events.length) {
      const li = document.createElement('li');
      li.textContent = t('none');
      $('timeline').replaceChildren(li);
      return;
    }
    $('timeline').replaceChildren(...events.map((e) => {
      const li = document.createElement('li');
      li.textContent = new Date(e.at).toLocaleString(lang) + ' · ' + e.type
        + (e.bank ? ' ' + e.bank + (e.compartment ? '-' + e.compartment : '') : '') + (e.code ? ' · ' + e.code : '');
      return li;
    }));
  }

  function renderSeries(series) {
    series.forEach((s) => {
      const el = document.querySelector('.chart[data-metric="' + s.metric + '"]');
      if (!el) return;
      const chart = charts[s.metric] || (charts[s.metric] = echarts.init(el));
      // uptime reads better in hours; the axis is always the last 24 hours, so a gap shows as a gap
      const hours = s.metric === 'uptime_seconds';
      const now = Date.now();
      chart.setOption({
        animation: false,
        title: { text: t('metric_' + s.metric) + (hours ? ' (h)' : s.unit && s.unit !== '1' ? ' (' + s.unit + ')' : ''), textStyle: { fontSize: 13 } },
        grid: { left: 56, right: 16, top: 36, bottom: 28 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'time', min: now - 24 * 3600 * 1000, max: now },
        yAxis: { type: 'value', scale: true },
        series: [{ type: 'line', showSymbol: s.points.length < 20, symbolSize: 6,
          data: s.points.map((p) => [p.t, hours ? Math.round(p.v / 36) / 100 : p.v]) }],
      });
      el.dataset.points = s.points.length;
    });
  }

  async function refresh() {
    const [d, e, s] = await Promise.all([
      fetch('/api/devices/' + encodeURIComponent(id)).then((r) => r.json()),
      fetch('/api/devices/' + encodeURIComponent(id) + '/events?limit=50').then((r) => r.json()),
      fetch('/api/devices/' + encodeURIComponent(id) + '/telemetry?metric=uptime_seconds,screen_on,lockers_occupancy_pct,cpu_temp_c')
        .then((r) => r.json()),
    ]);
    renderDetails(d);
    renderEvents(e);
    renderSeries(s);
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    $('lang').textContent = lang === 'en' ? '中文' : 'English';
  }

  $('lang').addEventListener('click', () => {
    lang = lang === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem('kioskops.lang', lang);
    applyLanguage();
    refresh();
  });
  window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
  applyLanguage();
  refresh().then(() => {
    const source = new EventSource('/api/live');
    source.onopen = () => { $('live').dataset.state = 'live'; $('live').textContent = t('live'); };
    source.onmessage = () => refresh();
    source.onerror = () => { $('live').dataset.state = 'reconnecting'; $('live').textContent = t('reconnecting'); };
  });
})();
