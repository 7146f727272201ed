'use strict';
// The InvoiceSync operator console: one static page, no build step. It signs in once (/api/console/session): the
// browser then holds an HTTP-only session cookie, and this script only the CSRF token its writes carry, in memory; no
// password is kept anywhere. It reads the query side's API and sends actions through /api/console/..., which passes
// them to the command side. Live views follow a server-sent event stream.

const MAP_TITLES = {
  'invoices': 'Invoice proposals',
  'msdyn_actuals': 'Actuals',
  'msdyn_transactionconnections': 'Transaction connections'
};

const state = {
  csrf: null,
  me: null,
  timer: null,
  route: null,
  job: { tab: 'invoices', invoiceStatus: '', errorStatus: 'OPEN', errorCategory: '', errorMap: '', selected: new Set(),
    rates: {}, lastApplied: null, stopping: false, message: null }
};

const $ = (id) => document.getElementById(id);
const esc = (value) => String(value ?? '').replace(/[&<>"']/g,
  (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const num = (n) => (n ?? 0).toLocaleString('en-US');
// Dates say their time zone: an operator and a log may not share one.
const when = (iso) => iso ? new Date(iso).toLocaleString('en-GB', { hour12: false, timeZoneName: 'short' }) : '—';
const money = (amount, currency) => amount === null || amount === undefined ? '—'
  : `${Number(amount).toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency || ''}`;
/** An id shortened to its first 8 characters (the whole in its title), linked, with a button that copies it whole. */
const shortId = (id, href) => `<span class="id"><a class="mono" href="${href}" title="${esc(id)}">${esc(String(id)
  .slice(0, 8))}</a> <button type="button" class="copy" data-copy="${esc(id)}"
  aria-label="Copy ${esc(id)}">copy</button></span>`;
document.addEventListener('click', async (e) => {
  const button = e.target.closest && e.target.closest('button.copy');
  if (!button) return;
  try { await navigator.clipboard.writeText(button.dataset.copy); button.textContent = 'copied'; } catch (err) {
    button.textContent = 'copy failed';
  }
});
const badge = (s) => `<span class="badge ${esc(s)}">${esc(s)}</span>`;
// One list of the vocabulary ('invoiceStatus', 'errorStatus', …): [{name, label}], from /api/console/vocabulary.
const terms = (kind) => (state.vocabulary && state.vocabulary[kind]) || [];
const isActionable = (category) => terms('actionableErrorCategory').some((t) => t.name === category);

async function api(method, path, body) {
  const headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (state.csrf && !['GET', 'HEAD'].includes(method)) headers[state.csrf.header] = state.csrf.token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    // No answer at all: the query side is down or unreachable. The page says so; it never pretends to be live.
    connection(false);
    return { status: 0, ok: false, body: { title: 'The query side is not answering', detail:
      'The query side did not answer; nothing was sent. The page retries by itself.' } };
  }
  // A gateway's or the database's unavailability is no news either: what the page shows is not current.
  connection(![502, 503, 504].includes(response.status));
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (response.status === 401 && path !== SESSION) { signedOut('Your session has ended; sign in again.'); }
  return { status: response.status, ok: response.ok, body: json };
}

/** A refusal in words: the problem's detail, and each rule it names, as the command side or query side said it. */
function refusal(answer) {
  const p = answer.body || {};
  const rules = (p.errors || []).map((v) => `• ${v.message}`);
  const head = p.detail || p.title || `The request failed (HTTP ${answer.status})`;
  return rules.length > 1 ? `${p.title || 'Refused'}:\n${rules.join('\n')}` : head;
}

// ---- sign-in -------------------------------------------------------------------------------------------------

const SESSION = '/api/console/session';

async function signIn(event) {
  event.preventDefault();
  const password = $('password').value;
  $('password').value = '';
  const session = await api('POST', SESSION, { user: $('user').value.trim(), password });
  if (!session.ok) {
    $('sign-in-error').textContent = session.status === 401 ? 'Unknown user or wrong password.' : refusal(session);
    $('sign-in-error').hidden = false;
    return;
  }
  signedIn(session.body);
}

/** A session from the sign-in or from the cookie of an earlier one: its token kept in memory, never stored. */
async function signedIn(session) {
  state.csrf = { header: session.csrfHeader, token: session.csrfToken };
  const me = session.me;
  if (!me.roles.includes('FINANCE_READER') && !me.mayAct) {
    await signOut('This account may not use the console (it is not a finance reader or an admin).');
    return;
  }
  $('sign-in-error').hidden = true;
  start(me);
}

/** Ends the session on the server, then shows the sign-in. */
async function signOut(message) {
  if (state.csrf) await api('DELETE', SESSION);
  signedOut(message);
}

function signedOut(message) {
  state.csrf = null;
  state.me = null;
  stopRefresh();
  state.lastHeard = null;
  state.lastOk = null;
  state.unavailable = false;
  state.requestFailing = false;
  freshness();
  $('view').innerHTML = '';
  $('nav').hidden = true;
  $('who').hidden = true;
  $('sign-in').hidden = false;
  if (message) { $('sign-in-error').textContent = message; $('sign-in-error').hidden = false; }
  $('user').focus();
}

async function start(me) {
  state.me = me;
  // The states' names and labels, as the query side declares them: no list of them lives in this page.
  const vocabulary = await api('GET', '/api/console/vocabulary');
  state.vocabulary = vocabulary.ok ? vocabulary.body : state.vocabulary;
  $('sign-in').hidden = true;
  $('nav').hidden = false;
  $('who').hidden = false;
  $('who-name').textContent = me.user;
  $('who-role').textContent = me.mayAct ? 'integration admin' : 'reader';
  route();
}

// ---- routing and refresh ---------------------------------------------------------------------------------------

function stopRefresh() {
  if (state.stream) { state.stream.close(); state.stream = null; }
  if (state.timer) { clearTimeout(state.timer); state.timer = null; }
}

function route() {
  if (!state.me) return;
  stopRefresh();
  const hash = location.hash || '#/jobs';
  const parts = hash.slice(2).split('/');
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active', a.dataset.nav === parts[0]));
  state.route = hash;
  if (parts[0] === 'jobs' && parts[1] && parts[2] === 'invoices' && parts[3]) {
    streaming({ view: 'INVOICE', jobId: parts[1], invoiceId: parts[3] }, () => invoiceView(parts[1], parts[3]));
  } else if (parts[0] === 'jobs' && parts[1]) {
    if (state.job.id !== parts[1]) {
      state.job = { ...state.job, id: parts[1], selected: new Set(), rates: {}, lastApplied: null, message: null,
        stopping: false, preflightFor: undefined };
    }
    jobShell(parts[1]);
    streaming({ view: 'JOB', jobId: parts[1] }, () => jobView(parts[1]));
  } else if (parts[0] === 'replay') {
    streaming({ view: 'REPLAY' }, replayView);
  } else {
    streaming({ view: 'JOBS' }, jobsView);
  }
}

/**
 * Renders now, then each time the page's stream says what it shows has changed: no request while nothing moves.
 * Every message, changed or not, says the page is live. A lost stream is opened again after 0.5, 2, 4, 8 and at most
 * 15 s; the freshness line and banner say "not live" once nothing was heard for STALE_MS.
 */
function streaming(params, render) {
  const routeNow = state.route;
  let version = null;
  let rendering = null;
  let again = false;
  let attempts = 0;
  const renderOnce = async () => {
    if (rendering) { again = true; return; }
    do {
      again = false;
      rendering = render().catch((e) => console.error(e));
      await rendering;
      rendering = null;
    } while (again && state.route === routeNow);
  };
  const open = () => {
    if (state.route !== routeNow || !state.me) return;
    const source = new EventSource('/api/console/stream?' + new URLSearchParams(params));
    state.stream = source;
    source.addEventListener('state', (e) => {
      attempts = 0;
      heard(true);
      const message = JSON.parse(e.data);
      if (message.version !== version) { version = message.version; renderOnce(); }
    });
    // The query side answers but cannot read its database: not live, and said so at once.
    source.addEventListener('unavailable', () => heard(false));
    // What the page shows no longer exists: rendered once more (it says so) and not watched again.
    source.addEventListener('gone', () => { heard(true); source.close(); renderOnce(); });
    const lost = async () => {
      source.close();
      if (state.stream !== source) return;
      state.stream = null;
      state.lostStream = null;
      // A stream refused 401 looks like any other error to an EventSource: one question tells signed out from down.
      const session = await api('GET', SESSION);
      if (session.status === 401) {
        signedOut('Your session has ended; sign in again.');
        return;
      }
      // Retried within 5 s at most, so the page is live again within 5 s of the query side's return.
      const delay = attempts === 0 ? 500 : Math.min(5000, 1000 * 2 ** attempts);
      attempts += 1;
      state.timer = setTimeout(open, delay);
    };
    source.onerror = lost;
    // A connection can also die without an error (a proxy or a network that holds it silent): the watchdog below
    // calls this when the stream has said nothing for too long.
    state.streamOpenedAt = Date.now();
    state.lostStream = lost;
  };
  renderOnce();
  open();
}

// ---- freshness: "updated N s ago", and a banner when the page is not live ---------------------------------------

/** Nothing heard for this long (the stream speaks every second): the page says it is not live. */
const STALE_MS = 3000;

/** A stream message: the page is live, or (unavailable) the query side answers but cannot read its data. */
function heard(ok) {
  state.lastHeard = Date.now();
  state.unavailable = !ok;
  if (ok) state.lastOk = state.lastHeard;
  freshness();
}

/** Records whether the last request reached a working query side. */
function connection(ok) {
  state.requestFailing = !ok;
  if (ok) state.lastOk = Date.now();
  freshness();
}

/** Not live: the stream silent for STALE_MS, the database unavailable, or the last request unanswered. */
function freshness() {
  const banner = $('stale-banner');
  const stamp = $('freshness');
  if (!banner || !stamp) return;
  const silent = Boolean(state.lastHeard) && Date.now() - state.lastHeard > STALE_MS;
  const down = silent || state.unavailable || state.requestFailing;
  state.downSince = down ? (state.downSince || Date.now()) : null;
  document.body.classList.toggle('stale', down);
  banner.hidden = !down;
  if (down) {
    const since = state.lastOk ? `since ${new Date(state.lastOk).toLocaleTimeString('en-GB', { hour12: false })}`
      : 'since this page opened';
    banner.textContent = state.unavailable && !silent
      ? `Not live: the query side cannot read its database ${since}. What you see is what it last said; the page `
        + 'keeps trying.'
      : `Not live: the query side is not answering ${since}. What you see is what it last said; the page keeps `
        + 'trying.';
  }
  stamp.textContent = !state.lastOk ? '' : down ? 'not live'
    : `updated ${Math.max(0, Math.round((Date.now() - state.lastOk) / 1000))} s ago`;
  stamp.classList.toggle('late', down || Date.now() - state.lastOk > 5000);
}
setInterval(freshness, 1000);

/** The stream speaks every second: silent for twice STALE_MS, it is taken as lost and opened again. */
setInterval(() => {
  const since = Math.max(state.lastHeard || 0, state.streamOpenedAt || 0);
  if (state.stream && state.lostStream && Date.now() - since > 2 * STALE_MS) state.lostStream();
}, 1000);

// ---- jobs list -------------------------------------------------------------------------------------------------

async function jobsView() {
  const answer = await api('GET', '/api/integration-jobs?size=100');
  if (!answer.ok) { $('view').innerHTML = `<p class="alert" role="alert">${esc(refusal(answer))}</p>`; return; }
  const rows = answer.body.content.map((j) => `
    <tr class="clickable">
      <td><a href="#/jobs/${j.jobId}">${esc(j.name)}</a></td>
      <td>${badge(j.status)}</td>
      <td>${j.tableMaps.map(esc).join(' → ') || '—'}</td>
      <td class="num">${num(j.invoices.IN_PROGRESS + j.invoices.PAUSED)}</td>
      <td class="num">${num(j.invoices.SYNCED)}</td>
      <td class="num">${num(j.invoices.FAILED)}</td>
      <td class="num">${num(j.openErrors)}</td>
      <td>${when(j.startedAt)}</td>
    </tr>`).join('');
  $('view').innerHTML = `
    <div class="card">
      <h1>Integration jobs</h1>
      <p class="muted">${num(answer.body.totalElements)} jobs, newest first. Open one to run it, watch its table maps
        and handle its errors.</p>
      <div class="wrap"><table id="jobs">
        <thead><tr><th>Name</th><th>Status</th><th>Table maps</th><th class="num">In flight</th>
          <th class="num">Synced</th><th class="num">Failed</th><th class="num">Open errors</th><th>Last run</th>
        </tr></thead>
        <tbody>${rows || '<tr><td colspan="8" class="muted">No integration job yet.</td></tr>'}</tbody>
      </table></div>
    </div>`;
}

// ---- one job ---------------------------------------------------------------------------------------------------

function jobShell(jobId) {
  const admin = state.me.mayAct;
  $('view').innerHTML = `
    <p><a href="#/jobs">← Integration jobs</a></p>
    <div class="card">
      <div class="head">
        <h1 id="job-name">…</h1> <span id="job-status"></span>
        ${admin ? `<div class="actions">
          <button type="button" class="primary" id="run-job">Run</button>
          <button type="button" id="pause-job">Pause</button>
          <button type="button" class="primary" id="resume-job" hidden>Resume</button>
          <button type="button" class="danger" id="stop-job">Stop</button></div>` : ''}
      </div>
      <div class="summary" id="job-summary"></div>
      <p id="job-message" role="status" hidden></p>
    </div>
    <div class="card" id="preflight">
      <div class="head"><h2>Preflight: what the next run would meet</h2>
        <div class="actions"><button type="button" id="preflight-check">Check again</button></div></div>
      <div id="preflight-body" class="muted">Checking…</div>
    </div>
    <div class="card"><h2>Table maps, in sequence</h2><div class="maps" id="maps"></div></div>
    <div class="card">
      <div class="tabs" role="tablist">
        <button type="button" role="tab" data-tab="invoices">Invoices</button>
        <button type="button" role="tab" data-tab="groups">Errors by cause</button>
        <button type="button" role="tab" data-tab="errors">Errors</button>
        <button type="button" role="tab" data-tab="runs">Runs</button>
        <button type="button" role="tab" data-tab="activity">Activity</button>
      </div>
      <div id="tab"></div>
    </div>`;
  if (admin) {
    $('run-job').addEventListener('click', () => act(jobId, 'run', undefined, 'Run started.'));
    $('pause-job').addEventListener('click', () => act(jobId, 'pause', undefined, 'Paused.'));
    $('resume-job').addEventListener('click', () => act(jobId, 'resume', undefined, 'Resumed.'));
    $('stop-job').addEventListener('click', () => {
      if (confirm('Stop this job? Invoices in flight finish the batches already sent and wait for the next run.')) {
        act(jobId, 'stop', undefined, 'Stopped.');
      }
    });
  }
  $('preflight-check').addEventListener('click', () => preflight(jobId));
  preflight(jobId);
  document.querySelectorAll('[data-tab]').forEach((b) => b.addEventListener('click', () => {
    state.job.tab = b.dataset.tab;
    tabShell(jobId);
    jobView(jobId);
  }));
  tabShell(jobId);
}

/** An action's outcome; a success clears itself after a while, a refusal stays until the next action. */
function showMessage(text, isError) {
  state.job.message = { text, isError };
  const el = $('job-message');
  if (!el) return;
  el.textContent = text;
  el.className = isError ? 'alert' : 'notice';
  el.setAttribute('role', isError ? 'alert' : 'status');
  el.hidden = false;
  clearTimeout(state.job.messageTimer);
  if (!isError) {
    state.job.messageTimer = setTimeout(() => { if ($('job-message')) $('job-message').hidden = true; }, 8000);
  }
}

const duration = (seconds) => seconds === null || seconds === undefined ? 'no recent rate to estimate by'
  : seconds < 90 ? `about ${seconds} s` : seconds < 5400 ? `about ${Math.round(seconds / 60)} min`
    : `about ${(seconds / 3600).toFixed(1)} h`;

/** Asked when the job page opens and on request, never every second: it reads every waiting confirmation. */
async function preflight(jobId) {
  const answer = await api('POST', `/api/integration-jobs/${jobId}/preflight`);
  const body = $('preflight-body');
  if (!body) return;
  if (!answer.ok) { body.innerHTML = `<p class="alert" role="alert">${esc(refusal(answer))}</p>`; return; }
  const p = answer.body;
  const admin = state.me.mayAct;
  body.className = '';
  body.innerHTML = `<p><b>${num(p.invoicesToSync)}</b> invoice${p.invoicesToSync === 1 ? '' : 's'} waiting for this
    job${p.complete ? '' : ' (the first ones counted)'}: <b>${num(p.invoicesToSync - p.invoicesThatWouldFail)}</b>
    would sync, ${num(p.rowsToWrite)} Finance rows, ${esc(duration(p.estimatedSeconds))}
    <span class="muted">(at ${num(Math.round(p.recentRowsPerSecond))} rows/s, Finance's rate over the last
    ${num(Math.round(p.recentWindowSeconds / 60))} minutes)</span>;
    <b class="${p.invoicesThatWouldFail ? 'fails' : ''}">${num(p.invoicesThatWouldFail)}</b> would fail.
    <span class="muted">Checked ${when(p.checkedAt)}.</span></p>
    ${p.causes.length ? `<table id="preflight-causes"><thead><tr><th>Cause</th><th class="num">Invoices</th>
      ${admin ? '<th>Fix</th>' : ''}</tr></thead><tbody>${p.causes.map((c) => `<tr data-subject="${esc(c.subject)}">
      <td>${esc(c.message)}</td><td class="num">${num(c.invoices)}</td>
      ${admin ? `<td>${c.rule === 'customer-is-not-on-hold' ? `<button type="button" class="release"
        data-customer="${esc(c.subject)}">Release hold</button>` : ''}</td>` : ''}</tr>`).join('')}</tbody></table>`
    : ''}`;
  body.querySelectorAll('button.release').forEach((b) => b.addEventListener('click', async () => {
    if (!confirm(`Release the Finance hold on customer ${b.dataset.customer}?`)) return;
    const released = await releaseHold(b.dataset.customer);
    if (released) preflight(jobId);
  }));
}

async function releaseHold(customerId) {
  const answer = await api('PUT', `/api/finance/customers/${encodeURIComponent(customerId)}`, { onHold: false });
  if (!answer.ok) { showMessage(refusal(answer), true); return false; }
  showMessage(`Customer ${customerId} is no longer on hold in Finance.`, false);
  return true;
}

async function act(jobId, action, body, done) {
  const answer = await api('POST', `/api/console/integration-jobs/${jobId}/${action}`, body);
  if (!answer.ok) { showMessage(refusal(answer), true); return; }
  if (action === 'stop') state.job.stopping = true;
  if (action === 'run') state.job.stopping = false;
  const note = answer.body && answer.body.note ? ' ' + answer.body.note : '';
  showMessage(done + note, false);
  state.job.selected.clear();
  await jobView(jobId);
}

async function jobView(jobId) {
  const answer = await api('GET', `/api/integration-jobs/${jobId}`);
  if (!$('job-name')) return;
  if (!answer.ok) { $('job-name').textContent = 'Integration job'; showMessage(refusal(answer), true); return; }
  const job = answer.body;
  $('job-name').textContent = job.name;
  const applied = job.tableMaps.reduce((sum, m) => sum + m.appliedRows, 0);
  // Stopped, yet rows still arriving: the batches already sent are landing (the stop's answer says they would).
  const landing = job.status === 'STOPPED' && state.job.lastApplied !== null && applied > state.job.lastApplied;
  state.job.lastApplied = applied;
  $('job-status').innerHTML = badge(landing ? 'STOPPING' : job.status);
  // What the next run would meet changes with the job's state (a stop, a pause): asked again then, not each second.
  if (state.job.preflightFor !== undefined && state.job.preflightFor !== job.status) preflight(jobId);
  state.job.preflightFor = job.status;
  if (state.me.mayAct) {
    $('run-job').disabled = job.status === 'ACTIVE' || job.status === 'PAUSED';
    $('pause-job').hidden = job.status === 'PAUSED';
    $('pause-job').disabled = job.status !== 'ACTIVE';
    $('resume-job').hidden = job.status !== 'PAUSED';
    $('stop-job').disabled = job.status !== 'ACTIVE' && job.status !== 'PAUSED';
  }
  const inv = job.invoices;
  $('job-summary').innerHTML = `
    ${terms('jobInvoiceStatus').map((t) => `<span>${esc(t.label)} <b>${num(inv[t.name])}</b></span>`).join('')}
    <span>Waiting for a run <b>${num(job.invoicesWaitingForARun)}</b></span>
    <span>Open errors <b>${num(job.openErrors)}</b></span>
    <span id="reconciliation">Reconciled <b>${num(job.reconciliation.RECONCILED)}</b>, mismatched
      <b>${num(job.reconciliation.MISMATCH)}</b>, not checked yet <b>${num(job.reconciliation.UNCHECKED)}</b></span>
    <span>Rows in Finance from this job <b>${num(job.throughput.rowsApplied)}</b></span>
    <span>This run <b>${num(job.throughput.rowsAppliedThisRun)}</b> rows at
      <b>${num(Math.round(job.throughput.rowsPerSecond))}</b> rows/s</span>
    <span>Time left for the job <b id="job-eta">—</b></span>
    <span class="muted">Run ${esc(job.runId || '—')}, started ${when(job.startedAt)}</span>
    ${job.status === 'PAUSED' ? `<span id="job-waiting" class="waiting">Paused ${when(job.pausedAt)}:
      <b>${num(job.waiting.invoices)}</b> invoices with <b>${num(job.waiting.rows)}</b> Finance rows wait for the
      resume</span>` : ''}
    ${job.catchUp ? `<span id="job-catch-up">${catchUpText(job.catchUp)}</span>` : ''}`;
  renderMaps(job);
  await tabView(jobId);
}

/** A resume's catch-up against its estimate: on track, running late with the corrected time, met or late. */
function catchUpText(c) {
  const estimate = c.estimatedAt ? `estimated to end ${when(c.estimatedAt)} (${esc(duration(c.estimatedSeconds))} at
    ${num(Math.round(c.rowsPerSecond))} rows/s, the job's pace before the pause)` : 'no pace to estimate by';
  const what = `Catch-up of ${num(c.invoices)} invoices, ${num(c.rows)} rows after the resume ${when(c.resumedAt)}`;
  if (c.caughtUpAt) {
    return `${what}: ${badge(c.outcome)} caught up ${when(c.caughtUpAt)}; ${estimate}.`;
  }
  const corrected = c.correctedAt ? `; at the last minute's ${num(Math.round(c.currentRowsPerSecond))} rows/s it
    ends ${when(c.correctedAt)}` : '';
  return `${what}: ${badge(c.outcome)} ${num(c.left.invoices)} invoices, ${num(c.left.rows)} rows left; ${estimate}${
    corrected}.`;
}

/**
 * One invoice's time left: its rows still to write at the pace it wrote them since the page last looked (the same
 * smoothing as the maps' bars), or why there is none.
 */
function invoiceEta(invoiceId, status, applied, expected) {
  if (status === 'SYNCED') return 'done';
  if (status === 'FAILED') return 'waiting on errors';
  if (status === 'DISMISSED') return 'dismissed';
  if (status === 'PAUSED' || status === 'WAITING') return 'waits for the job';
  const rates = state.job.invoiceRates || (state.job.invoiceRates = {});
  const now = performance.now();
  const previous = rates[invoiceId];
  let rate = previous ? previous.rate : 0;
  if (previous && now > previous.at && applied !== previous.applied) {
    const instant = Math.max(0, (applied - previous.applied) / ((now - previous.at) / 1000));
    rate = previous.rate ? 0.6 * instant + 0.4 * previous.rate : instant;
  }
  if (!previous || applied !== previous.applied) rates[invoiceId] = { at: now, applied, rate };
  return rate > 0 ? duration(Math.ceil(Math.max(0, expected - applied) / rate)) : 'no pace yet';
}

/** Per map: rows applied of expected, the pace over the last seconds, and the time left at that pace. */
function renderMaps(job) {
  const now = performance.now();
  let pending = 0;
  let pace = 0;
  $('maps').innerHTML = job.tableMaps.map((m) => {
    const previous = state.job.rates[m.tableMap];
    let rate = previous ? previous.rate : 0;
    if (previous && now > previous.at) {
      const instant = Math.max(0, (m.appliedRows - previous.applied) / ((now - previous.at) / 1000));
      rate = previous.rate ? 0.6 * instant + 0.4 * previous.rate : instant;
    }
    state.job.rates[m.tableMap] = { at: now, applied: m.appliedRows, rate };
    pending += m.pendingRows;
    pace += rate;
    const pct = m.expectedRows > 0 ? Math.min(100, Math.floor(m.appliedRows * 100 / m.expectedRows)) : 0;
    // The rows failed invoices hold back, drawn in red after the written ones: what stays short until a retry.
    const failedPct = m.expectedRows > 0 ? Math.min(100 - pct, Math.ceil(m.failedRows * 100 / m.expectedRows)) : 0;
    // Rows of failed invoices stay pending until retried or dismissed: no time left to promise for them.
    const eta = m.pendingRows > 0 && rate > 1 ? `${Math.ceil(m.pendingRows / rate)} s left`
      : m.pendingRows > 0 && m.failedRecords > 0 ? 'waiting on errors' : m.pendingRows > 0 ? '—' : 'done';
    return `<div class="map" data-map="${esc(m.tableMap)}">
      <div class="step">Step ${m.position}</div>
      <h3>${esc(MAP_TITLES[m.tableMap] || m.tableMap)} <span class="muted mono">${esc(m.tableMap)}</span></h3>
      <div class="bar${pct === 100 ? ' done' : ''}" role="progressbar" aria-label="${esc(m.tableMap)} progress"
        aria-valuemin="0" aria-valuemax="100" aria-valuenow="${pct}"><div style="width:${pct}%"></div>${failedPct > 0
          ? `<div class="failed" style="width:${failedPct}%"
            title="${num(m.failedRows)} rows held back by failed invoices"></div>` : ''}</div>
      <div class="stats"><span><b class="applied">${num(m.appliedRows)}</b> of ${num(m.expectedRows)} rows
        (${pct} %)</span><span>${m.pendingRows > 0 ? `${num(Math.round(rate))} rows/s · ${eta}` : eta}</span></div>
      <div class="stats"><span>${num(m.appliedBatches)} batches</span>
        <span>${m.failedRecords ? `<b class="badge FAILED">${num(m.failedRecords)} failed</b>, ${num(m.failedRows)}
          rows held back` : 'no errors'}</span></div>
    </div>`;
  }).join('') || '<p class="muted">The job holds no table map yet.</p>';
  // The whole job: every map's rows still to write at the pace all of them write together now.
  if ($('job-eta')) {
    $('job-eta').textContent = job.status === 'PAUSED' ? `${num(job.waiting.rows)} rows wait for the resume`
      : pending === 0 ? 'none' : job.status !== 'ACTIVE' ? `${num(pending)} rows wait for a run`
      : pace > 1 ? duration(Math.ceil(pending / pace)) : 'no pace yet';
  }
}

function tabShell(jobId) {
  document.querySelectorAll('[data-tab]').forEach((b) =>
    b.setAttribute('aria-selected', String(b.dataset.tab === state.job.tab)));
  const j = state.job;
  const option = (value, current, label) =>
    `<option value="${value}"${value === current ? ' selected' : ''}>${label || value || 'all'}</option>`;
  if (j.tab === 'invoices') {
    $('tab').innerHTML = `<div class="filters"><div><label for="invoice-status">Status</label>
      <select id="invoice-status">${option('', j.invoiceStatus)}${terms('invoiceStatus')
        .map((t) => option(t.name, j.invoiceStatus, t.label)).join('')}</select></div>
      <div><label for="invoice-search">Search</label><input id="invoice-search" type="search" maxlength="100"
        placeholder="invoice id, customer or contract" value="${esc(j.invoiceSearch || '')}"></div></div>
      <div class="wrap" id="tab-body"></div>`;
    $('invoice-status').addEventListener('change', (e) => { j.invoiceStatus = e.target.value; tabView(jobId); });
    $('invoice-search').addEventListener('input', (e) => {
      clearTimeout(j.searchTimer);
      j.searchTimer = setTimeout(() => { j.invoiceSearch = e.target.value.trim(); tabView(jobId); }, 300);
    });
  } else if (j.tab === 'errors') {
    $('tab').innerHTML = `<div class="filters">
      <div><label for="error-status">Status</label><select id="error-status">
        ${option('', j.errorStatus)}${terms('errorStatus').map((t) => option(t.name, j.errorStatus, t.label))
          .join('')}</select></div>
      <div><label for="error-category">Category</label><select id="error-category">
        ${option('', j.errorCategory)}${terms('errorCategory').map((t) => option(t.name, j.errorCategory, t.label))
          .join('')}</select></div>
      <div><label for="error-map">Table map</label><select id="error-map">
        ${option('', j.errorMap)}${terms('tableMap').map((t) => option(t.name, j.errorMap)).join('')}</select></div>
      ${state.me.mayAct ? `<div><button type="button" id="retry-selected">Retry selected</button>
        <button type="button" id="dismiss-selected" class="danger">Dismiss selected</button></div>` : ''}
      </div><div class="wrap" id="tab-body"></div>`;
    $('error-status').addEventListener('change', (e) => { j.errorStatus = e.target.value; tabView(jobId); });
    $('error-category').addEventListener('change', (e) => { j.errorCategory = e.target.value; tabView(jobId); });
    $('error-map').addEventListener('change', (e) => { j.errorMap = e.target.value; tabView(jobId); });
    if (state.me.mayAct) {
      $('retry-selected').addEventListener('click', () => onSelection(jobId, 'retry'));
      $('dismiss-selected').addEventListener('click', () => onSelection(jobId, 'dismiss'));
    }
  } else if (j.tab === 'groups') {
    $('tab').innerHTML = `<p class="muted">Open errors by cause: one rule and one subject (a customer on hold) or one
      system failure. Retry or dismiss a cause at once; where the fix is in Finance, release it here.</p>
      <div class="wrap" id="tab-body"></div>`;
  } else {
    $('tab').innerHTML = '<div class="wrap" id="tab-body"></div>';
  }
}

/** A group's actions: retry or dismiss all its invoices, or release the hold that caused it and then retry. */
async function groupAction(jobId, group, action) {
  const ids = group.invoiceIds;
  const count = `${ids.length} invoice${ids.length === 1 ? '' : 's'}`;
  if (action === 'dismiss' && !confirm(`Dismiss the errors of ${count}? They stay where they stopped, unsynced.`)) {
    return;
  }
  if (action === 'release') {
    if (!confirm(`Release the Finance hold on customer ${group.fix.customerId} and retry ${count}?`)) return;
    if (!await releaseHold(group.fix.customerId)) return;
    action = 'retry';
  }
  await invoiceAction(jobId, action, ids);
}

async function groupsView(jobId) {
  const answer = await api('GET', `/api/integration-jobs/${jobId}/errors/groups`);
  if (!answer.ok || !$('tab-body')) return;
  const admin = state.me.mayAct;
  const groups = answer.body.groups;
  $('tab-body').innerHTML = `<table id="error-groups"><thead><tr><th>Cause</th><th>Category</th><th>Table map</th>
    <th class="num">Invoices</th><th class="num">Errors</th><th>First seen</th><th>Last seen</th>
    ${admin ? '<th>Actions</th>' : ''}</tr></thead><tbody>${groups.map((g, n) => `
    <tr data-group="${n}" data-subject="${esc(g.subject || '')}">
      <td>${esc(g.cause)}</td><td>${esc(g.category)}</td><td>${esc(g.tableMap)}</td>
      <td class="num">${num(g.invoices)}</td><td class="num">${num(g.errors)}</td>
      <td>${when(g.firstFailedAt)}</td><td>${when(g.lastFailedAt)}</td>
      ${admin ? `<td>${isActionable(g.category) ? `${g.fix ? `<button type="button" class="group-release primary"
        data-group="${n}">Release hold and retry</button> ` : ''}<button type="button" class="group-retry"
        data-group="${n}">Retry all ${num(g.invoices)}</button> <button type="button" class="group-dismiss danger"
        data-group="${n}">Dismiss all</button>` : ''}</td>` : ''}
    </tr>`).join('') || '<tr><td colspan="8" class="muted">No open error.</td></tr>'}</tbody></table>`;
  if (admin) {
    for (const [cls, action] of [['group-retry', 'retry'], ['group-dismiss', 'dismiss'],
      ['group-release', 'release']]) {
      $('tab-body').querySelectorAll(`button.${cls}`).forEach((b) =>
        b.addEventListener('click', () => groupAction(jobId, groups[Number(b.dataset.group)], action)));
    }
  }
}

function onSelection(jobId, action) {
  const ids = [...state.job.selected];
  if (ids.length === 0) { showMessage(`Select the invoices to ${action} first.`, true); return; }
  if (action === 'dismiss' && !confirm(`Dismiss the errors of ${ids.length} invoice${ids.length === 1 ? '' : 's'}?`)) {
    return;
  }
  invoiceAction(jobId, action, ids);
}

function invoiceAction(jobId, action, invoiceIds) {
  const verb = action === 'retry' ? 'Retry' : 'Dismissal';
  return act(jobId, `errors/${action}`, { invoiceIds },
    `${verb} of ${invoiceIds.length} invoice${invoiceIds.length === 1 ? '' : 's'} sent.`);
}

async function tabView(jobId) {
  const j = state.job;
  const body = $('tab-body');
  if (!body) return;
  if (j.tab === 'invoices') {
    const query = (j.invoiceStatus ? `&status=${j.invoiceStatus}` : '')
      + (j.invoiceSearch ? `&search=${encodeURIComponent(j.invoiceSearch)}` : '');
    const answer = await api('GET', `/api/integration-jobs/${jobId}/invoices?size=50${query}`);
    if (!answer.ok || !$('tab-body')) return;
    $('tab-body').innerHTML = `<table id="invoices"><thead><tr><th>Invoice</th><th>Customer</th><th>Contract</th>
      <th class="num">Amount</th><th>Invoice date</th><th>Status</th><th>Current map</th>
      <th class="num">Lines</th><th class="num">Rows in Finance</th><th>Time left</th><th class="num">Open errors</th>
      <th>Confirmed</th><th>Finished</th><th>Reconciliation</th></tr></thead><tbody>${answer.body.content.map((i) => `
      <tr data-invoice="${i.invoiceId}" data-status="${i.status}">
        <td>${shortId(i.invoiceId, `#/jobs/${jobId}/invoices/${i.invoiceId}`)}</td>
        <td>${esc(i.context.customerId || '—')}</td><td>${esc(i.context.projectContractId || '—')}</td>
        <td class="num">${money(i.context.totalAmount, i.context.currency)}</td>
        <td>${esc(i.context.invoiceDate || '—')}</td>
        <td>${badge(i.status)}</td><td>${esc(i.currentMap || '—')}</td><td class="num">${num(i.lineCount)}</td>
        <td class="num">${num(i.appliedRows)} / ${num(i.expectedRows)}</td>
        <td class="eta">${esc(invoiceEta(i.invoiceId, i.status, i.appliedRows, i.expectedRows))}</td>
        <td class="num">${num(i.openErrors)}</td><td>${when(i.confirmedAt)}</td><td>${when(i.finishedAt)}</td>
        <td>${i.reconciliation ? badge(i.reconciliation) : '—'}</td></tr>`).join('')
      || '<tr><td colspan="14" class="muted">No invoice here.</td></tr>'}</tbody></table>
      <p class="pager muted">${num(answer.body.totalElements)} invoices; the 50 most recently changed shown.</p>`;
  } else if (j.tab === 'errors') {
    const query = [j.errorStatus && `status=${j.errorStatus}`, j.errorCategory && `category=${j.errorCategory}`,
      j.errorMap && `tableMap=${j.errorMap}`].filter(Boolean).join('&');
    const answer = await api('GET', `/api/integration-jobs/${jobId}/errors?size=100&${query}`);
    if (!answer.ok || !$('tab-body')) return;
    const admin = state.me.mayAct;
    $('tab-body').innerHTML = `<table id="errors"><thead><tr>${admin ? `<th><input type="checkbox" id="select-all"
      aria-label="Select every actionable error shown"> All</th>` : ''}<th>Invoice</th><th>Customer</th>
      <th class="num">Amount</th>
      <th>Category</th><th>Table map</th><th class="num">Batch</th><th>Cause</th><th>Status</th><th>Failed</th>
      ${admin ? '<th>Actions</th>' : ''}</tr></thead><tbody>${answer.body.content.map((e) => `
      <tr data-error="${e.errorId}" data-invoice="${e.invoiceId}" data-status="${e.status}">
        ${admin ? `<td><input type="checkbox" class="select" aria-label="Select invoice ${e.invoiceId}"
          data-invoice="${e.invoiceId}" ${j.selected.has(e.invoiceId) ? 'checked' : ''}
          ${e.status === 'OPEN' && isActionable(e.category) ? '' : 'disabled'}></td>` : ''}
        <td>${shortId(e.invoiceId, `#/jobs/${jobId}/invoices/${e.invoiceId}`)}</td>
        <td>${esc(e.context.customerId || '—')}</td>
        <td class="num">${money(e.context.totalAmount, e.context.currency)}</td>
        <td>${esc(e.category)}</td><td>${esc(e.tableMap)}</td><td class="num">${e.batchNumber}</td>
        <td>${esc(e.cause)}</td><td>${badge(e.status)}</td><td>${when(e.failedAt)}</td>
        ${admin ? `<td>${e.status === 'OPEN' && isActionable(e.category) ? `<button type="button" class="retry" data-invoice="${e.invoiceId}">
          Retry</button> <button type="button" class="dismiss danger" data-invoice="${e.invoiceId}">Dismiss</button>`
          : ''}</td>` : ''}
      </tr>`).join('') || `<tr><td colspan="11" class="muted">No error here.</td></tr>`}</tbody></table>`;
    if (admin) {
      $('tab-body').querySelectorAll('input.select').forEach((box) => box.addEventListener('change', () => {
        if (box.checked) j.selected.add(box.dataset.invoice); else j.selected.delete(box.dataset.invoice);
      }));
      $('tab-body').querySelectorAll('button.retry').forEach((b) =>
        b.addEventListener('click', () => invoiceAction(jobId, 'retry', [b.dataset.invoice])));
      $('tab-body').querySelectorAll('button.dismiss').forEach((b) => b.addEventListener('click', () => {
        if (confirm(`Dismiss the errors of invoice ${b.dataset.invoice}?`)) {
          invoiceAction(jobId, 'dismiss', [b.dataset.invoice]);
        }
      }));
      const boxes = [...$('tab-body').querySelectorAll('input.select:not([disabled])')];
      $('select-all').checked = boxes.length > 0 && boxes.every((box) => box.checked);
      $('select-all').addEventListener('change', (e) => boxes.forEach((box) => {
        box.checked = e.target.checked;
        if (box.checked) j.selected.add(box.dataset.invoice); else j.selected.delete(box.dataset.invoice);
      }));
    }
  } else if (j.tab === 'groups') {
    await groupsView(jobId);
  } else if (j.tab === 'runs') {
    await runsView(jobId);
  } else {
    const answer = await api('GET', `/api/integration-jobs/${jobId}/activity?size=100`);
    if (!answer.ok || !$('tab-body')) return;
    $('tab-body').innerHTML = `<p><button type="button" id="activity-csv">Download the whole activity (CSV)</button></p>
      <table id="activity"><thead><tr><th>When</th><th>Action</th><th>Who</th><th>Run</th>
      <th>Invoices</th><th>Why</th></tr></thead><tbody>${answer.body.content.map((a) => `<tr>
        <td>${when(a.at)}</td><td>${badge(a.action)}</td><td>${esc(a.user || 'unknown')}</td>
        <td class="mono">${esc(a.runId || '')}</td>
        <td>${a.invoiceCount === null ? '' : a.invoiceCount === 0 ? 'every failed invoice'
          : `${num(a.invoiceCount)}: <span class="mono">${a.invoiceIds.map(esc).join(', ')}</span>`}</td>
        <td>${esc(a.reason || '')}</td>
      </tr>`).join('') || '<tr><td colspan="6" class="muted">Nothing yet.</td></tr>'}</tbody></table>`;
    $('activity-csv').addEventListener('click', () => downloadActivity(jobId));
  }
}

/** A run's pace (rows a second over equal slices of its span) as a small line, its peak named for screen readers. */
function sparkline(pace) {
  if (!pace || pace.length < 2) return '<span class="muted">—</span>';
  const peak = Math.max(...pace, 1);
  const points = pace.map((v, i) => `${(i * 120 / (pace.length - 1)).toFixed(1)},${(22 - v * 20 / peak).toFixed(1)}`);
  return `<svg class="spark" width="120" height="24" viewBox="0 0 120 24" role="img"
    aria-label="pace over the run, peak ${num(Math.round(peak))} rows/s"><polyline fill="none" stroke="#0b5cad"
    stroke-width="1.5" points="${points.join(' ')}"/></svg>`;
}

const elapsedSeconds = (from, to) => from
  ? Math.max(0, Math.round(((to ? new Date(to) : new Date()) - new Date(from)) / 1000)) : null;

async function runsView(jobId) {
  const answer = await api('GET', `/api/integration-jobs/${jobId}/runs`);
  if (!answer.ok || !$('tab-body')) return;
  $('tab-body').innerHTML = `<table id="runs"><thead><tr><th>Started</th><th>By</th><th>Stopped</th>
    <th class="num">Duration</th><th class="num">Rows</th><th class="num">Average</th><th>Pace</th>
    <th class="num">Invoices synced</th><th class="num">Errors</th></tr></thead><tbody>${answer.body.map((r) => `
    <tr data-run="${esc(r.runId)}"><td>${when(r.startedAt)}</td><td>${esc(r.startedBy || 'unknown')}</td>
      <td>${r.stoppedAt ? `${when(r.stoppedAt)} by ${esc(r.stoppedBy || 'unknown')}` : badge('ACTIVE')}</td>
      <td class="num">${esc(duration(elapsedSeconds(r.startedAt, r.stoppedAt)))}</td><td class="num">${num(r.rows)}</td>
      <td class="num">${num(Math.round(r.rowsPerSecond))} rows/s</td><td>${sparkline(r.pace)}</td>
      <td class="num">${num(r.invoicesSynced)}</td><td class="num">${num(r.errors)}</td></tr>`).join('')
    || '<tr><td colspan="9" class="muted">Never run.</td></tr>'}</tbody></table>`;
}

/** The CSV needs the same credentials as every read, so it is fetched and handed to the browser as a file. */
async function downloadActivity(jobId) {
  const response = await fetch(`/api/integration-jobs/${jobId}/activity.csv`,
    { headers: { 'Accept': 'text/csv', 'X-Requested-With': 'XMLHttpRequest' } });
  if (!response.ok) { showMessage(`The activity could not be downloaded (HTTP ${response.status}).`, true); return; }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `job-${jobId}-activity.csv`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(link.href);
}

// ---- one invoice -----------------------------------------------------------------------------------------------

async function invoiceView(jobId, invoiceId) {
  const answer = await api('GET', `/api/integration-jobs/${jobId}/invoices/${invoiceId}`);
  // Its Finance trace only once Finance holds its rows (the answer says so): never a 404 for the browser to log.
  const trace = answer.ok && answer.body.financeHasRows
    ? await api('GET', `/api/finance/invoice-proposals/${invoiceId}/trace`) : { ok: false, status: 404 };
  if (!answer.ok) {
    $('view').innerHTML = `<p><a href="#/jobs/${jobId}">← Job</a></p>
      <p class="alert" role="alert">${esc(refusal(answer))}</p>`;
    return;
  }
  const i = answer.body;
  const batches = trace.ok ? trace.body.batches : [];
  const said = state.invoiceMessage && state.invoiceMessage.invoiceId === invoiceId ? state.invoiceMessage : null;
  $('view').innerHTML = `<p><a href="#/jobs/${jobId}">← Job</a></p>
    <div class="card"><div class="head"><h1>Invoice <span class="mono">${esc(i.invoiceId)}</span></h1>
      ${badge(i.status)}${state.me.mayAct && i.status === 'SYNCED' ? `<div class="actions"><button type="button"
        id="resync-invoice">Resync from events</button></div>` : ''}</div>
      ${said ? `<p id="invoice-message" class="${said.isError ? 'alert' : 'notice'}"
        role="${said.isError ? 'alert' : 'status'}">${esc(said.text)}</p>` : ''}
      <div class="summary"><span>Customer <b>${esc(i.context.customerId || '—')}</b></span>
        <span>Contract <b>${esc(i.context.projectContractId || '—')}</b></span>
        <span>Amount <b>${money(i.context.totalAmount, i.context.currency)}</b></span>
        <span>Invoice date <b>${esc(i.context.invoiceDate || '—')}</b></span></div>
      <div class="summary"><span>Mode <b>${esc(i.mode || '—')}</b></span><span>Lines <b>${num(i.lineCount)}</b></span>
        <span>Actuals <b>${num(i.actualCount)}</b></span><span>Connections <b>${num(i.connectionCount)}</b></span>
        <span>Confirmed ${when(i.confirmedAt)}</span><span>Started ${when(i.startedAt)}</span>
        <span>Finished ${when(i.finishedAt)}</span></div></div>
    <div class="card"><h2>Its way through the maps</h2><table><thead><tr><th>Table map</th><th>State</th>
      <th class="num">Batches</th><th class="num">Rows</th></tr></thead><tbody>${i.tableMaps.map((m) => `<tr>
      <td>${esc(m.tableMap)}</td><td>${badge(m.state)}</td><td class="num">${num(m.appliedBatches)} / ${num(m.batches)}</td>
      <td class="num">${num(m.appliedRows)}</td></tr>`).join('')}</tbody></table></div>
    <div class="card" id="invoice-reconciliation"><h2>Reconciliation against the event store</h2>${i.reconciliation
      ? `<p>${badge(i.reconciliation.status)} checked ${when(i.reconciliation.checkedAt)}</p>${
        i.reconciliation.differences.length ? `<table><thead><tr><th>Map</th><th>Check</th><th class="num">Source</th>
        <th class="num">Finance</th></tr></thead><tbody>${i.reconciliation.differences.map((d) => `<tr>
        <td>${esc(d.tableMap)}</td><td>${esc(d.check)}</td><td class="num">${esc(d.source)}</td>
        <td class="num">${esc(d.finance)}</td></tr>`).join('')}</tbody></table>` : ''}`
      : '<p class="muted">Not checked yet: an invoice is checked once it is synced.</p>'}</div>
    <div class="card"><h2>Errors</h2>${i.errors.length ? `<table><thead><tr><th>Category</th><th>Map</th>
      <th class="num">Batch</th><th>Cause</th><th>Status</th></tr></thead><tbody>${i.errors.map((e) => `<tr>
      <td>${esc(e.category)}</td><td>${esc(e.tableMap)}</td><td class="num">${e.batchNumber}</td><td>${esc(e.cause)}</td>
      <td>${badge(e.status)}</td></tr>`).join('')}</tbody></table>` : '<p class="muted">None.</p>'}</div>
    <div class="card"><h2>Trace: the batches that brought it to Finance</h2>${batches.length ? `<div class="wrap"><table>
      <thead><tr><th>Map</th><th class="num">Batch</th><th class="num">Rows</th><th>Run</th><th>Source event</th>
      <th>Applied by event</th><th>Applied</th></tr></thead><tbody>${batches.map((b) => `<tr><td>${esc(b.tableMap)}</td>
      <td class="num">${b.batchNumber}</td><td class="num">${num(b.rowCount)}</td><td class="mono">${esc(b.runId)}</td>
      <td class="mono">${esc(b.sourceEventId)}</td><td class="mono">${esc(b.appliedEventId)}</td>
      <td>${when(b.appliedAt)}</td></tr>`).join('')}</tbody></table></div>`
    : '<p class="muted">Finance holds nothing of this invoice yet.</p>'}</div>`;
  if ($('resync-invoice')) {
    $('resync-invoice').addEventListener('click', () => resyncInvoice(jobId, invoiceId));
  }
}

/** Its Finance rows written again from its events, after the admin says why (kept in the job's activity). */
async function resyncInvoice(jobId, invoiceId) {
  const reason = prompt('Resync this invoice: its Finance rows are deleted and written again from its events, then '
    + 'checked. Why (kept in the job\'s activity)?');
  if (reason === null) return;
  const answer = await api('POST', `/api/integration-jobs/${jobId}/invoices/${invoiceId}/resync`, { reason });
  state.invoiceMessage = answer.ok
    ? { invoiceId, isError: false, text: `Resynced: ${num(answer.body.rowsDeleted)} rows deleted, `
      + `${num(answer.body.rowsWritten)} written again from ${num(answer.body.batches)} batches; the check says `
      + `${answer.body.reconciliation.status}.` }
    : { invoiceId, isError: true, text: refusal(answer) };
  await invoiceView(jobId, invoiceId);
}

// ---- replay ----------------------------------------------------------------------------------------------------

async function replayView() {
  const [status, run] = await Promise.all([api('GET', '/api/replay/status'), api('GET', '/api/replay/finance')]);
  if (status.status === 403) {
    $('view').innerHTML = `<div class="card"><h1>Replay</h1><p class="muted">The processing groups' positions and
      replays are for integration admins.</p></div>`;
    return;
  }
  if (!status.ok) { $('view').innerHTML = `<p class="alert" role="alert">${esc(refusal(status))}</p>`; return; }
  const r = run.ok ? run.body : { state: 'NONE' };
  const pct = r.eventsTotal > 0 ? Math.floor(r.eventsDone * 100 / r.eventsTotal) : 0;
  $('view').innerHTML = `<div class="card"><h1>Processing groups</h1>
    <p class="muted">Where each group's segments stand in the event store, and how far behind its head.</p>
    <table id="processors"><thead><tr><th>Group</th><th class="num">Segment</th><th class="num">Position</th>
      <th class="num">Head</th><th class="num">Lag (events)</th><th>Replaying</th><th>Owner</th></tr></thead>
    <tbody>${status.body.map((p) => `<tr><td>${esc(p.processingGroup)}</td><td class="num">${p.segment}</td>
      <td class="num">${p.position === null ? '—' : num(p.position)}</td><td class="num">${num(p.head)}</td>
      <td class="num">${p.lag === null ? '—' : num(p.lag)}</td><td>${p.replaying ? 'yes' : 'no'}</td>
      <td>${esc(p.owner || 'unclaimed')}</td></tr>`).join('')}</tbody></table></div>
    <div class="card"><h2>Finance replay</h2><p>State ${badge(r.state)}</p>
      ${r.state === 'RUNNING' ? `<div class="bar" role="progressbar" aria-label="replay progress" aria-valuemin="0"
        aria-valuemax="100" aria-valuenow="${pct}"><div style="width:${pct}%"></div></div>
        <div class="stats"><span>${num(r.eventsDone)} of ${num(r.eventsTotal)} events</span>
        <span>${num(Math.round(r.eventsPerSecond))} events/s</span></div>` : ''}
      ${r.failure ? `<p class="alert">${esc(r.failure)}</p>` : ''}
      <p class="muted">Start one with <span class="mono">POST /api/replay/finance?verify=true</span>, or with the
        command-line tool while the query side is stopped (README, "Replay").</p></div>`;
}

// ---- start -----------------------------------------------------------------------------------------------------

window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', async () => {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut());
  // Reloaded: the session cookie, if this browser has one, still signs it in.
  const session = await api('GET', SESSION);
  if (session.ok) { signedIn(session.body); return; }
  signedOut();
});
