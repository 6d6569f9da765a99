// The waiting page: joins the room, shows the place and the EWT live over /ws/rooms/{room} (or by
// polling the heartbeat at the server's refreshSeconds when the WebSocket fails), and goes to the
// webshop on admission; a room that asks for a proof of work gets it solved first. URL parameters: room (the room id) and access_token (the user's JWT).
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const room = params.get('room') || 'ps5';
  const token = params.get('access_token') || '';
  const api = '/v1/rooms/' + encodeURIComponent(room);
  const el = (id) => document.getElementById(id);
  let pollTimer = null;
  let done = false;
  el('room').textContent = room;

  function duration(seconds) {
    if (seconds < 60) { return seconds + ' s'; }
    const m = Math.floor(seconds / 60);
    if (m < 60) { return m + ' min'; }
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
  }

  function show(entry) {
    el('state').textContent = entry.state;
    window.waitingRoomState = entry.state;
    if (entry.state === 'WAITING') {
      el('position').textContent = entry.position;
      el('expected').textContent = duration(entry.ewt.expectedSeconds);
      el('latest').textContent = duration(entry.ewt.latestSeconds);
    }
    else if (entry.state === 'ACTIVE' && entry.redirectUrl) {
      done = true;
      el('message').textContent = 'It is your turn: taking you to the shop…';
      location.href = entry.redirectUrl;
    }
    else if (entry.state === 'SOLD_OUT') {
      done = true;
      el('message').textContent = 'Sold out. Thank you for waiting.';
    }
    else if (entry.state === 'CLOSED') {
      done = true;
      el('message').textContent = 'This room is closed.';
    }
    else if (entry.state === 'NONE') {
      el('message').textContent = 'You lost your place (no heartbeat). Reload to join again.';
    }
  }

  function call(method, path) {
    return fetch(path, { method: method, headers: { 'Authorization': 'Bearer ' + token } })
      .then((response) => response.json().then((body) => ({ status: response.status, body: body })));
  }

  function poll(seconds) {
    el('transport').textContent = 'polling every ' + seconds + ' s';
    clearTimeout(pollTimer);
    pollTimer = setTimeout(() => {
      call('POST', api + '/entries/me/heartbeat').then((answer) => {
        if (answer.status === 200) { show(answer.body); }
        if (!done) { poll(answer.body.refreshSeconds || seconds); }
      }, () => poll(seconds));
    }, seconds * 1000);
  }

  function live(refreshSeconds) {
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    const socket = new WebSocket(scheme + location.host + '/ws/rooms/' + encodeURIComponent(room)
      + '?access_token=' + encodeURIComponent(token));
    socket.onopen = () => { clearTimeout(pollTimer); el('transport').textContent = 'live'; };
    socket.onmessage = (message) => {
      const frame = JSON.parse(message.data);
      if (frame.type === 'place') { show(frame); }
    };
    socket.onclose = () => { if (!done) { poll(refreshSeconds); } };
  }

  function zeroBits(hash) {
    let bits = 0;
    for (const b of hash) {
      if (b === 0) { bits += 8; continue; }
      return bits + Math.clz32(b) - 24;
    }
    return bits;
  }

  // The room's proof of work, if it asks for one: a nonce whose SHA-256 with the challenge starts
  // with the room's number of zero bits. Its solving time is shown and kept for tests.
  async function proofOfWork() {
    const answer = await call('GET', api + '/challenge');
    if (answer.status !== 200 || !answer.body.bits) { return null; }
    el('message').textContent = 'Checking that you are not a bot…';
    const encoder = new TextEncoder();
    const started = performance.now();
    for (let nonce = 0; ; nonce++) {
      const text = answer.body.challenge + ':' + nonce;
      const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
      if (zeroBits(hash) >= answer.body.bits) {
        window.waitingRoomWorkMillis = Math.round(performance.now() - started);
        el('work').textContent = 'proof of work (' + answer.body.bits + ' bits, ' + (nonce + 1)
          + ' hashes) solved in ' + window.waitingRoomWorkMillis + ' ms';
        return text;
      }
    }
  }

  function join(work) {
    const headers = { 'Authorization': 'Bearer ' + token };
    if (work) { headers['Proof-Of-Work'] = work; }
    return fetch(api + '/entries', { method: 'POST', headers: headers })
      .then((response) => response.json().then((body) => ({ status: response.status, body: body })));
  }

  proofOfWork().then(join).then((answer) => {
    if (answer.status !== 200) {
      el('state').textContent = 'refused';
      el('message').textContent = answer.body.detail || ('HTTP ' + answer.status);
      if (answer.status === 429) {
        const retry = answer.body.retryAfterSeconds || 30;
        el('message').textContent += ' Trying again in ' + retry + ' s.';
        setTimeout(() => location.reload(), retry * 1000);
      }
      return;
    }
    show(answer.body);
    if (!done) { live(answer.body.refreshSeconds); }
  }, (error) => { el('message').textContent = 'Cannot reach the waiting room: ' + error; });
})();
