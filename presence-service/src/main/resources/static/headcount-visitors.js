/*
 * Headcount site visitors: counts this page's visitor while it is open. One tag, no build step:
 *
 *   <script src="https://headcount.example.com/headcount-visitors.js" data-site="my-site" async></script>
 *
 * data-site     the site id configured with PUT /v1/sites/{siteId} (this page's origin must be one of
 *               its allowedOrigins)
 * data-object   optional: the page or object the visitor is on ("post-42"); "path" means
 *               location.pathname. window.headcountVisitors.moveTo("post-43") moves the session.
 *
 * It opens an anonymous session, heartbeats at the site's interval with random jitter (so that many
 * pages opened at once do not heartbeat in step), backs off exponentially after failures, stops
 * heartbeating while the tab is hidden or after the site's inactivity period without user input and
 * resumes when the user is back (opening a new session if the old one timed out), and closes the
 * session with navigator.sendBeacon on pagehide. Calls carry no credentials and no custom headers:
 * they are CORS simple requests. docs/visitors.md describes the API.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.dataset.site || window.headcountVisitors) {
    return;
  }
  var base = new URL(script.src, location.href).origin;
  var site = script.dataset.site;
  var object = script.dataset.object === 'path' ? location.pathname : (script.dataset.object || null);
  var MAX_BACKOFF_MS = 60000;

  var state = {
    sessionId: null,
    heartbeatMs: 15000,
    inactivityMs: 30 * 60000,
    failures: 0,
    timer: null,
    lastInput: Date.now(),
    stopped: false,
    opening: false,
    pendingObject: null,
    status: 'starting'
  };

  function sessionsUrl() {
    return base + '/v1/sites/' + encodeURIComponent(site) + '/sessions';
  }

  function withObject(url, value) {
    return value ? url + '?object=' + encodeURIComponent(value) : url;
  }

  function schedule(delayMs) {
    clearTimeout(state.timer);
    state.timer = setTimeout(tick, delayMs);
  }

  // the next heartbeat: 75-100 % of the interval, so that it always arrives before the timeout
  function nextHeartbeat() {
    return state.heartbeatMs * (0.75 + Math.random() * 0.25);
  }

  // after n failures: 1 s, 2 s, 4 s, ... up to a minute, each with jitter
  function backoff(retryAfterSeconds) {
    state.failures++;
    var delay = Math.min(MAX_BACKOFF_MS, 1000 * Math.pow(2, state.failures - 1));
    if (retryAfterSeconds > 0) {
      delay = Math.max(delay, retryAfterSeconds * 1000);
    }
    return delay * (0.5 + Math.random() * 0.5);
  }

  function active() {
    return !state.stopped && document.visibilityState !== 'hidden'
      && Date.now() - state.lastInput < state.inactivityMs;
  }

  function post(url) {
    return fetch(url, { method: 'POST', mode: 'cors', credentials: 'omit', cache: 'no-store' });
  }

  function problemCode(response) {
    return response.json().then(function (body) { return body && body.code; }, function () { return null; });
  }

  function open() {
    state.opening = true;
    state.status = 'opening';
    var target = state.pendingObject || object;
    return post(withObject(sessionsUrl(), target)).then(function (response) {
      state.opening = false;
      if (response.status === 201) {
        return response.json().then(function (body) {
          state.sessionId = body.sessionId;
          state.heartbeatMs = body.heartbeatSeconds * 1000;
          state.inactivityMs = body.inactivitySeconds * 1000;
          state.failures = 0;
          object = target;
          state.pendingObject = null;
          state.status = 'open';
          schedule(nextHeartbeat());
        });
      }
      if (response.status === 404) {
        // an unknown site stays unknown: stop for good
        state.stopped = true;
        state.status = 'unknown-site';
        return;
      }
      state.status = 'retrying';
      schedule(backoff(Number(response.headers.get('Retry-After')) || 0));
    }, function () {
      state.opening = false;
      state.status = 'retrying';
      schedule(backoff(0));
    });
  }

  function heartbeat() {
    var moving = state.pendingObject;
    var url = withObject(sessionsUrl() + '/' + state.sessionId + '/heartbeat', moving);
    return post(url).then(function (response) {
      if (response.status === 204) {
        state.failures = 0;
        if (moving && moving === state.pendingObject) {
          object = moving;
          state.pendingObject = null;
        }
        state.status = 'open';
        schedule(nextHeartbeat());
        return;
      }
      if (response.status === 404) {
        return problemCode(response).then(function (code) {
          state.sessionId = null;
          if (code === 'unknown-site') {
            state.stopped = true;
            state.status = 'unknown-site';
            return;
          }
          // timed out (or closed): a new session, at once
          return open();
        });
      }
      state.status = 'retrying';
      schedule(backoff(Number(response.headers.get('Retry-After')) || 0));
    }, function () {
      state.status = 'retrying';
      schedule(backoff(0));
    });
  }

  function tick() {
    if (!active()) {
      // hidden or idle: no heartbeats; the session times out on the server unless the user returns
      state.status = state.stopped ? state.status : 'paused';
      return;
    }
    if (state.opening) {
      return;
    }
    if (state.sessionId) {
      heartbeat();
    }
    else {
      open();
    }
  }

  function resume() {
    var wasIdle = Date.now() - state.lastInput >= state.inactivityMs;
    state.lastInput = Date.now();
    if (state.status === 'paused' || wasIdle) {
      schedule(0);
    }
  }

  function close() {
    if (!state.sessionId) {
      return;
    }
    var url = sessionsUrl() + '/' + state.sessionId + '/close';
    state.sessionId = null;
    clearTimeout(state.timer);
    if (!(navigator.sendBeacon && navigator.sendBeacon(url))) {
      fetch(url, { method: 'POST', mode: 'cors', credentials: 'omit', keepalive: true });
    }
    state.status = 'closed';
  }

  ['pointerdown', 'keydown', 'scroll', 'touchstart', 'mousemove', 'wheel'].forEach(function (type) {
    addEventListener(type, resume, { passive: true, capture: true });
  });
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'visible') {
      resume();
    }
  });
  addEventListener('pagehide', close);
  addEventListener('pageshow', function (event) {
    // back from the back-forward cache: the old session was closed on pagehide
    if (event.persisted && !state.stopped) {
      schedule(0);
    }
  });

  window.headcountVisitors = {
    /** The session id, or null while none is open. */
    sessionId: function () { return state.sessionId; },
    /** starting | opening | open | retrying | paused | closed | unknown-site */
    status: function () { return state.status; },
    /** Moves the session to another page or object (with the next heartbeat, sent now). */
    moveTo: function (id) {
      state.pendingObject = id;
      state.lastInput = Date.now();
      schedule(0);
    },
    /** Closes the session and stops. */
    stop: function () {
      close();
      state.stopped = true;
    }
  };

  schedule(0);
})();
