// Watches users' presence over /ws/presence and renders each change as it arrives (no reload).
// URL parameters: access_token (a JWT) and users (comma-separated ids) fill the form and connect.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const form = document.getElementById('setup');
  const tokenInput = document.getElementById('token');
  const usersInput = document.getElementById('users');
  const rows = document.getElementById('presence');
  const connectionLabel = document.getElementById('connection');
  const myStatus = document.getElementById('my-status');
  const seqs = new Map();
  let socket = null;
  let retry = 500;

  tokenInput.value = params.get('access_token') || '';
  usersInput.value = params.get('users') || '';

  function row(userId) {
    let tr = rows.querySelector('tr[data-user="' + CSS.escape(userId) + '"]');
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.user = userId;
      tr.innerHTML = '<td class="user"></td><td class="status"><span class="dot"></span><span class="label">…</span></td><td class="last-active"></td>';
      tr.querySelector('.user').textContent = userId;
      rows.appendChild(tr);
    }
    return tr;
  }

  function render(p) {
    if ((seqs.get(p.userId) || -1) > p.seq) {
      return; // an older update than the one shown
    }
    seqs.set(p.userId, p.seq);
    const tr = row(p.userId);
    tr.dataset.status = p.status;
    tr.querySelector('.label').textContent = p.status;
    tr.querySelector('.last-active').textContent = p.lastActiveAt ? new Date(p.lastActiveAt).toLocaleString() : '—';
  }

  function watched() {
    return usersInput.value.split(',').map(s => s.trim()).filter(s => s.length > 0);
  }

  function connect() {
    if (socket) {
      socket.onclose = null;
      socket.close(1000, 'reconnecting');
    }
    const token = tokenInput.value.trim();
    if (!token) {
      connectionLabel.textContent = 'a JWT is needed';
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    let deviceId = sessionStorage.getItem('presence-device');
    if (!deviceId) {
      deviceId = 'web-' + Math.random().toString(36).slice(2, 12);
      sessionStorage.setItem('presence-device', deviceId);
    }
    socket = new WebSocket(scheme + '//' + location.host + '/ws/presence?deviceId=' + deviceId
      + '&access_token=' + encodeURIComponent(token));
    socket.onopen = () => {
      retry = 500;
      connectionLabel.textContent = 'connected';
      const ids = watched();
      ids.forEach(row);
      if (ids.length > 0) {
        socket.send(JSON.stringify({ type: 'subscribe', userIds: ids }));
      }
    };
    socket.onmessage = (event) => {
      const frame = JSON.parse(event.data);
      if (frame.type === 'snapshot') {
        frame.users.forEach(render);
      } else if (frame.type === 'presence') {
        render(frame);
      } else if (frame.type === 'error') {
        connectionLabel.textContent = 'error: ' + frame.detail;
      }
    };
    socket.onclose = (event) => {
      connectionLabel.textContent = 'disconnected (' + event.code + (event.reason ? ': ' + event.reason : '') + ')';
      // reconnect with jitter; within the grace window nobody sees us go offline
      setTimeout(connect, retry + Math.random() * retry);
      retry = Math.min(retry * 2, 30000);
    };
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    rows.textContent = '';
    seqs.clear();
    connect();
  });

  myStatus.addEventListener('change', () => {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: 'status', status: myStatus.value }));
    }
  });

  if (tokenInput.value) {
    connect();
  }
})();
