// The plan page's case model: JSON pointers into the case, the values inputs show and
// give, and the calendar facts the week headings need. No DOM here.
'use strict';

window.PlanCase = (() => {
  const NUMBER_FIELDS = /^\/optrapningsplan\/(normal_timer|uger\/\d+\/timer)$/;

  // --- JSON pointers -------------------------------------------------------------------

  const tokens = (pointer) => pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));

  function getAt(obj, pointer) {
    let v = obj;
    for (const t of tokens(pointer)) {
      if (v === null || typeof v !== 'object') return undefined;
      v = v[t];
    }
    return v;
  }

  function setAt(obj, pointer, value) {
    const ts = tokens(pointer);
    let v = obj;
    for (let i = 0; i < ts.length - 1; i++) {
      if (v[ts[i]] === null || typeof v[ts[i]] !== 'object') v[ts[i]] = /^\d+$/.test(ts[i + 1]) ? [] : {};
      v = v[ts[i]];
    }
    const last = ts[ts.length - 1];
    if (value === undefined) {
      if (Array.isArray(v)) v[last] = undefined; else delete v[last];
    } else {
      v[last] = value;
    }
  }

  // --- Values in inputs ----------------------------------------------------------------

  /** Text → case value: empty is absent; hours take a decimal comma or point. */
  function parseValue(pointer, text) {
    const t = text.trim();
    if (t === '') return undefined;
    if (NUMBER_FIELDS.test(pointer) && /^\d+([.,]\d+)?$/.test(t)) return Number(t.replace(',', '.'));
    return text;
  }

  function formatValue(pointer, value) {
    if (value === undefined || value === null) return '';
    if (typeof value === 'number' && NUMBER_FIELDS.test(pointer)) return String(value).replace('.', ',');
    return typeof value === 'object' ? '' : String(value);
  }

  // --- Dates for the week legends ------------------------------------------------------

  function parseIso(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
    if (!m) return null;
    const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return d.getUTCMonth() === +m[2] - 1 ? d : null;
  }

  function isoWeek(d) {
    const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
    const day = (t.getUTCDay() + 6) % 7;  // Monday 0
    t.setUTCDate(t.getUTCDate() - day + 3);  // the Thursday of the week decides its year
    const firstThursday = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
    return 1 + Math.round(((t - firstThursday) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  }

  function todayIso() {
    const d = new Date();
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }

  /** The pointers after item `removed` of the list at `prefix` was taken out. */
  function renumbered(pointers, prefix, removed) {
    const out = new Set();
    for (const p of pointers) {
      const m = p.startsWith(prefix) && /^(\d+)(.*)$/.exec(p.slice(prefix.length));
      if (!m) out.add(p);
      else if (+m[1] < removed) out.add(p);
      else if (+m[1] > removed) out.add(`${prefix}${+m[1] - 1}${m[2]}`);
    }
    return out;
  }

  return Object.freeze({ getAt, setAt, parseValue, formatValue, parseIso, isoWeek, todayIso, renumbered });
})();
