// The plan page: the case is one JSON object (`state.case`, edited with plan-case.js); every
// input is named by the JSON pointer of the field it edits. The server does every check (POST /v1/checks/KIND)
// and makes the PDF (POST /v1/letters/KIND); this script only edits, asks and shows.
'use strict';

(() => {
  const KIND = 'optrapningsplan';
  const TOKEN_KEY = 'brevgen-token';
  const CHECK_DELAY_MS = 250;

  const state = {
    case: {},
    touched: new Set(),  // pointers the user has edited: their errors show while typing
    showAll: false,      // after opening a file or pressing "Lav PDF": every error shows
    dirty: false,
    checkTimer: 0,
    checkAbort: null,
    checkSeq: 0,
    announced: new Set(),
    pdfUrl: '',
    retry: null,         // what to do again once a token is given
  };

  const $ = (id) => document.getElementById(id);
  const { getAt, setAt, parseValue, formatValue, parseIso, isoWeek, todayIso, renumbered } = window.PlanCase;

  // --- Building the form ---------------------------------------------------------------

  /** Gives an input its message element (once) and fills it from the case. */
  function bindInput(input) {
    const pointer = input.name;
    if (!input.dataset.bound) {
      input.dataset.bound = '1';
      const msg = document.createElement('p');
      msg.className = 'msg';
      msg.id = 'msg-' + input.id;
      msg.hidden = true;
      // A week's columns are narrow: its messages go in a row under them, as wide as the week.
      const row = input.closest('.week')?.querySelector('.week-msgs');
      if (row) row.append(msg); else input.after(msg);
      input.setAttribute('aria-describedby', msg.id);
      input.addEventListener('input', () => onEdit(input));
      input.addEventListener('change', () => onEdit(input));
    }
    input.value = formatValue(pointer, getAt(state.case, pointer));
  }

  function onEdit(input) {
    const value = parseValue(input.name, input.value);
    if (value === getAt(state.case, input.name)) return;
    setAt(state.case, input.name, value);
    state.touched.add(input.name);
    state.dirty = true;
    if (input.name === '/optrapningsplan/startdato') updateWeekLegends();
    scheduleCheck();
  }

  function weeks() {
    const plan = state.case.optrapningsplan;
    if (!plan || !Array.isArray(plan.uger)) return [];
    return plan.uger;
  }

  function followups() {
    const plan = state.case.optrapningsplan;
    return plan && Array.isArray(plan.opfoelgning) ? plan.opfoelgning : [];
  }

  function renderWeeks() {
    const list = $('weeks');
    list.replaceChildren();
    weeks().forEach((week, i) => {
      const item = $('week-template').content.firstElementChild.cloneNode(true);
      item.querySelector('.week-name').textContent = `Planens uge ${i + 1}`;
      for (const input of item.querySelectorAll('[data-field]')) {
        const field = input.dataset.field;
        input.id = `f-uge-${i}-${field}`;
        input.name = `/optrapningsplan/uger/${i}/${field}`;
        item.querySelector(`label[data-for="${field}"]`).htmlFor = input.id;
      }
      const remove = item.querySelector('.remove-week');
      remove.textContent = `Fjern planens uge ${i + 1}`;
      remove.addEventListener('click', () => removeWeek(i));
      list.append(item);
      for (const input of item.querySelectorAll('[data-field]')) bindInput(input);
    });
    updateWeekLegends();
  }

  function updateWeekLegends() {
    const start = parseIso(getAt(state.case, '/optrapningsplan/startdato'));
    document.querySelectorAll('#weeks .week').forEach((item, i) => {
      let text = '';
      if (start) {
        const d = new Date(start.getTime() + 7 * i * 86400000);
        text = `– uge ${isoWeek(d)}`;
      }
      item.querySelector('.week-iso').textContent = text;
    });
  }

  function renderFollowups() {
    const list = $('followups');
    list.replaceChildren();
    followups().forEach((date, i) => {
      const item = $('followup-template').content.firstElementChild.cloneNode(true);
      const input = item.querySelector('input');
      input.id = `f-opfoelgning-${i}`;
      input.name = `/optrapningsplan/opfoelgning/${i}`;
      const label = item.querySelector('label');
      label.htmlFor = input.id;
      label.textContent = `Opfølgning ${i + 1}`;
      const remove = item.querySelector('.remove-followup');
      remove.textContent = `Fjern opfølgning ${i + 1}`;
      remove.addEventListener('click', () => removeFollowup(i));
      list.append(item);
      bindInput(input);
    });
  }

  function renderAll() {
    for (const input of document.querySelectorAll('#case-form [name^="/"]')) {
      if (!input.closest('#weeks') && !input.closest('#followups')) bindInput(input);
    }
    renderWeeks();
    renderFollowups();
  }

  function ensurePlan() {
    if (!state.case.optrapningsplan || typeof state.case.optrapningsplan !== 'object') state.case.optrapningsplan = {};
    return state.case.optrapningsplan;
  }

  function addWeek() {
    const plan = ensurePlan();
    if (!Array.isArray(plan.uger)) plan.uger = [];
    const last = plan.uger[plan.uger.length - 1];
    // A new week starts where the last one ended: its hours rarely fall.
    plan.uger.push(last && typeof last.timer === 'number' ? { timer: last.timer } : {});
    state.dirty = true;
    renderWeeks();
    const hours = $(`f-uge-${plan.uger.length - 1}-timer`);
    hours.focus();
    hours.select();  // the hours taken over from the week before: typing replaces them
    say(`Planens uge ${plan.uger.length} er tilføjet.`);
    scheduleCheck();
  }

  function removeWeek(i) {
    const plan = ensurePlan();
    plan.uger.splice(i, 1);
    state.touched = renumbered(state.touched, '/optrapningsplan/uger/', i);
    state.dirty = true;
    renderWeeks();
    const next = $(`f-uge-${Math.min(i, plan.uger.length - 1)}-timer`);
    (next || $('add-week')).focus();
    say(`Planens uge ${i + 1} er fjernet.`);
    scheduleCheck();
  }

  function addFollowup() {
    const plan = ensurePlan();
    if (!Array.isArray(plan.opfoelgning)) plan.opfoelgning = [];
    plan.opfoelgning.push('');
    state.dirty = true;
    renderFollowups();
    $(`f-opfoelgning-${plan.opfoelgning.length - 1}`).focus();
  }

  function removeFollowup(i) {
    const plan = ensurePlan();
    plan.opfoelgning.splice(i, 1);
    state.touched = renumbered(state.touched, '/optrapningsplan/opfoelgning/', i);
    if (plan.opfoelgning.length === 0) delete plan.opfoelgning;
    state.dirty = true;
    renderFollowups();
    const next = $(`f-opfoelgning-${Math.min(i, followups().length - 1)}`);
    (next || $('add-followup')).focus();
    say(`Opfølgning ${i + 1} er fjernet.`);
    scheduleCheck();
  }

  // --- The server ----------------------------------------------------------------------

  function authHeaders() {
    const token = sessionStorage.getItem(TOKEN_KEY);
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  /** The case without the holes the form leaves (an emptied date in a list). */
  function caseText() {
    return JSON.stringify(state.case, (key, value) => (Array.isArray(value) ? value.filter((v) => v !== undefined && v !== '') : value));
  }

  async function post(path, body, type, signal) {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': type, ...authHeaders() },
      body,
      signal,
      cache: 'no-store',
    });
    if (response.status === 401) throw new NeedsToken();
    return response;
  }

  class NeedsToken extends Error {}

  function scheduleCheck() {
    clearTimeout(state.checkTimer);
    state.checkTimer = setTimeout(runCheck, CHECK_DELAY_MS);
  }

  async function runCheck() {
    if (state.checkAbort) state.checkAbort.abort();
    const abort = new AbortController();
    state.checkAbort = abort;
    const seq = ++state.checkSeq;
    try {
      const response = await post(`/v1/checks/${KIND}`, caseText(), 'application/json', abort.signal);
      const result = await response.json();
      if (seq !== state.checkSeq) return;
      if (!response.ok) {
        say(`Planen kunne ikke tjekkes: ${result.detail || response.status}`);
        return;
      }
      showFindings(result);
    } catch (e) {
      if (e.name === 'AbortError') return;
      if (e instanceof NeedsToken) return askToken(runCheck);
      say('Serveren svarer ikke. Kører brevgen serve stadig?');
    }
  }

  // --- Findings next to their fields ---------------------------------------------------

  /** The input or group a finding's path names, or the nearest group above it. */
  function targetOf(path) {
    const esc = (p) => (window.CSS && CSS.escape ? CSS.escape(p) : p.replace(/"/g, '\\"'));
    const input = document.querySelector(`#case-form [name="${esc(path)}"]`);
    if (input) return { input, group: null };
    for (let p = path; ; p = p.slice(0, p.lastIndexOf('/'))) {
      const group = document.querySelector(`#case-form [data-pointer="${esc(p)}"]`);
      if (group) return { input: null, group };
      if (p === '') return { input: null, group: null };
    }
  }

  function labelOf(target, path) {
    if (target.input) {
      const label = document.querySelector(`label[for="${target.input.id}"]`);
      const legend = target.input.closest('fieldset')?.querySelector('legend .week-name, legend');
      const name = label ? label.firstChild.textContent.trim() : path;
      return legend && legend.textContent.trim() !== name ? `${legend.textContent.trim()}, ${name}` : name;
    }
    return path === '' ? 'Sagen' : path;
  }

  function visible(finding, severity) {
    if (severity === 'warning' || state.showAll) return true;
    if (state.touched.has(finding.path)) return true;
    return false;
  }

  function showFindings(result) {
    for (const msg of document.querySelectorAll('#case-form .msg')) {
      msg.hidden = true;
      msg.textContent = '';
      msg.className = 'msg';
    }
    for (const el of document.querySelectorAll('#case-form [aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of document.querySelectorAll('#case-form .group-msg')) el.remove();

    const list = $('findings');
    list.replaceChildren();
    const shown = [];
    let hiddenErrors = 0;
    for (const [severity, findings] of [['error', result.errors], ['warning', result.warnings]]) {
      for (const f of findings) {
        if (!visible(f, severity)) {
          hiddenErrors++;
          continue;
        }
        const target = targetOf(f.path);
        const word = severity === 'error' ? 'Fejl' : 'Advarsel';
        const where = labelOf(target, f.path);
        const text = f.message_da;
        let anchor = null;
        if (target.input) {
          const msg = $('msg-' + target.input.id);
          msg.hidden = false;
          msg.className = `msg ${severity}`;
          const line = document.createElement('span');
          // Under a week the message no longer sits under its field: say which one.
          const field = target.input.closest('.week') && document.querySelector(`label[for="${target.input.id}"]`);
          line.textContent = field ? `${word} (${field.firstChild.textContent.trim()}): ${text}` : `${word}: ${text}`;
          if (msg.childNodes.length) msg.append(document.createElement('br'));
          msg.append(line);
          if (severity === 'error') target.input.setAttribute('aria-invalid', 'true');
          anchor = target.input;
        } else if (target.group) {
          const msg = document.createElement('p');
          msg.className = `msg group-msg ${severity}`;
          msg.textContent = `${word}: ${text}`;
          target.group.prepend(msg);
        }
        const item = document.createElement('li');
        item.className = severity;
        const position = f.path === '' && f.line ? ` (linje ${f.line}, kolonne ${f.column})` : '';
        if (anchor) {
          const link = document.createElement('a');
          link.href = '#' + anchor.id;
          link.textContent = where;
          link.addEventListener('click', (e) => { e.preventDefault(); anchor.focus(); });
          item.append(`${word} ved `, link, `: ${text}`);
        } else {
          item.append(`${word} ved ${where}${position}: ${text}`);
        }
        list.append(item);
        shown.push(`${word} ved ${where}: ${text}`);
      }
    }
    announce(result, shown, hiddenErrors);
  }

  /** Says in the live region what changed: new findings by name, or that all is well. */
  function announce(result, shown, hidden) {
    const fresh = shown.filter((s) => !state.announced.has(s));
    state.announced = new Set(shown);
    const errors = result.errors.length;
    const warnings = result.warnings.length;
    let summary;
    if (errors === 0 && warnings === 0) summary = 'Planen er klar: ingen fejl og ingen advarsler.';
    else if (errors === 0) summary = `Planen kan laves. ${warnings === 1 ? '1 advarsel' : `${warnings} advarsler`} til dig.`;
    else summary = `${errors === 1 ? '1 felt mangler eller er forkert' : `${errors} felter mangler eller er forkerte`}${warnings ? `, og der er ${warnings === 1 ? '1 advarsel' : `${warnings} advarsler`}` : ''}.`;
    if (hidden > 0 && !state.showAll) summary += ' Fejl i felter, du ikke har udfyldt endnu, vises, når du trykker Lav PDF.';
    const parts = [summary, ...fresh.slice(0, 3)];
    say(parts.join(' '));
  }

  function say(text) {
    const p = document.createElement('p');
    p.textContent = text;
    $('status').replaceChildren(p);
  }

  // --- Token ---------------------------------------------------------------------------

  function askToken(retry, rejected) {
    state.retry = retry;
    $('ask-token').hidden = false;
    const dialog = $('token-dialog');
    // Another request's 401 while the question is open changes nothing the user sees.
    if (dialog.open && rejected === undefined) return;
    const error = $('token-error');
    error.hidden = !rejected;
    error.textContent = rejected ? 'Fejl: Nøglen blev ikke godkendt. Prøv igen.' : '';
    $('token').setAttribute('aria-invalid', rejected ? 'true' : 'false');
    if (!dialog.open) dialog.showModal();
    $('token').focus();
  }

  async function submitToken(event) {
    event.preventDefault();
    const token = $('token').value.trim();
    if (!token) return;
    sessionStorage.setItem(TOKEN_KEY, token);
    if (!(await tokenAccepted())) {
      sessionStorage.removeItem(TOKEN_KEY);
      askToken(state.retry, true);
      return;
    }
    $('token').value = '';
    $('token-dialog').close();
    $('ask-token').hidden = true;
    say('Adgangsnøglen er godkendt.');
    const retry = state.retry;
    state.retry = null;
    if (retry) retry();
  }

  /** True when the server takes the session's token, or wants none. */
  async function tokenAccepted() {
    try {
      const response = await fetch('/v1/letters', { method: 'HEAD', headers: authHeaders(), cache: 'no-store' });
      return response.status !== 401;
    } catch {
      return true;  // the server is away; the next request will say so
    }
  }

  // --- Files ---------------------------------------------------------------------------

  async function openFile() {
    const file = $('case-file').files[0];
    if (!file) return;
    if (state.dirty && !confirm('Planen på siden er ikke gemt. Vil du åbne en anden sag i stedet?')) {
      $('case-file').value = '';
      return;
    }
    const text = await file.text();
    const xml = /\.xml$/i.test(file.name) || /^\s*</.test(text);
    try {
      // The server reads the file as it reads any case: errors come with line and column,
      // and an XML case comes back as the JSON the form edits.
      const response = await post(`/v1/checks/${KIND}`, text, xml ? 'application/xml' : 'application/json');
      const result = await response.json();
      if (!response.ok) {
        say(`Filen kunne ikke læses: ${result.detail || response.status}`);
        return;
      }
      if (!result.case || typeof result.case !== 'object' || Array.isArray(result.case)) {
        state.showAll = true;
        showFindings(result);
        say(`${file.name} kunne ikke læses. ${result.errors.map((e) => `Linje ${e.line}, kolonne ${e.column}: ${e.message_da}`).join(' ')}`);
        return;
      }
      state.case = result.case;
      state.touched.clear();
      state.showAll = true;
      state.dirty = false;
      state.announced.clear();
      hidePdf();
      renderAll();
      showFindings(result);
    } catch (e) {
      if (e instanceof NeedsToken) return askToken(openFile);
      say('Serveren svarer ikke. Kører brevgen serve stadig?');
    }
  }

  function newPlan(ask = true) {
    if (ask && state.dirty && !confirm('Planen på siden er ikke gemt. Vil du starte forfra?')) return;
    state.case = {
      brevdato: todayIso(),
      konsulent: {},
      medarbejder: {},
      arbejdsgiver: { kontaktperson: {} },
      optrapningsplan: { normal_timer: 37, uger: [{}] },
    };
    state.touched.clear();
    state.showAll = false;
    state.dirty = false;
    state.announced.clear();
    $('case-file').value = '';
    hidePdf();
    renderAll();
    if (ask) {
      say('En ny, tom plan er klar.');
      $('f-journalnummer').focus();
      scheduleCheck();
    }
  }

  function saveCase() {
    const journal = String(state.case.journalnummer || '').replace(/[^A-Za-z0-9._-]/g, '_');
    const blob = new Blob([JSON.stringify(JSON.parse(caseText()), null, 2) + '\n'], { type: 'application/json' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = journal ? `sag-${journal}.json` : 'sag.json';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    state.dirty = false;
    say(`Sagen er gemt som ${a.download} i din mappe til overførsler.`);
  }

  // --- The PDF -------------------------------------------------------------------------

  function hidePdf() {
    $('pdf-section').hidden = true;
    $('pdf-frame').removeAttribute('src');
    if (state.pdfUrl) URL.revokeObjectURL(state.pdfUrl);
    state.pdfUrl = '';
  }

  async function makePdf() {
    const button = $('make-pdf');
    button.disabled = true;
    say('Laver PDF …');
    try {
      const response = await post(`/v1/letters/${KIND}`, caseText(), 'application/json');
      if (response.ok) {
        const blob = await response.blob();
        hidePdf();
        state.pdfUrl = URL.createObjectURL(blob);
        const pages = response.headers.get('Brevgen-Pages');
        const name = (/filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '') || [])[1];
        $('pdf-frame').src = state.pdfUrl;
        $('pdf-open').href = state.pdfUrl;
        $('pdf-download').href = state.pdfUrl;
        $('pdf-download').download = name || 'optrapningsplan.pdf';
        $('pdf-section').hidden = false;
        $('h-pdf').focus();
        say(`PDF'en er klar${pages ? ` (${pages === '1' ? '1 side' : `${pages} sider`})` : ''}. Åbn den for at udskrive.`);
        return;
      }
      state.showAll = true;
      if (response.status === 422 || response.status === 400) {
        await runCheck();
        const first = document.querySelector('#case-form [aria-invalid="true"]');
        if (first) first.focus();
        const status = $('status').textContent;
        say(`PDF'en kunne ikke laves: ret fejlene først. ${status}`);
        return;
      }
      const problem = await response.json().catch(() => ({}));
      say(`PDF'en kunne ikke laves: ${problem.detail || response.status}`);
    } catch (e) {
      if (e instanceof NeedsToken) return askToken(makePdf);
      say('Serveren svarer ikke. Kører brevgen serve stadig?');
    } finally {
      button.disabled = false;
    }
  }

  // --- Start ---------------------------------------------------------------------------

  function start() {
    $('case-file').addEventListener('change', openFile);
    $('new-plan').addEventListener('click', () => newPlan(true));
    $('save-case').addEventListener('click', saveCase);
    $('make-pdf').addEventListener('click', makePdf);
    $('add-week').addEventListener('click', addWeek);
    $('add-followup').addEventListener('click', addFollowup);
    $('token-form').addEventListener('submit', submitToken);
    $('ask-token').addEventListener('click', () => askToken(state.retry || runCheck));
    $('case-form').addEventListener('submit', (e) => e.preventDefault());
    window.addEventListener('beforeunload', (e) => {
      if (state.dirty) e.preventDefault();
    });
    newPlan(false);
    // The first check waits for the token question, so it is asked once.
    tokenAccepted().then((ok) => {
      if (ok) return scheduleCheck();
      sessionStorage.removeItem(TOKEN_KEY);
      askToken(runCheck, false);
    });
  }

  start();
})();
