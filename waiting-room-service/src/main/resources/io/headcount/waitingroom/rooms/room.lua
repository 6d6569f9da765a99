#!lua flags=allow-cross-slot-keys
-- One waiting room, atomic on one node, on Redis TIME (never a JVM clock). Every key carries the room's
-- hash tag {room:<id>} (RoomKeys); the outbox stream is one of the service's outbox streams on the same
-- node (OutboxStreams.streamFor the room's slot), an argument rather than a key since declared keys must
-- share a slot, which the flag allow-cross-slot-keys lets the script write.
--
--   KEYS[1] config    wr:{room:<id>}:config   hash: capacity, queue, shop (ms), beat (ms), url, opens (ms
--                                              or ''), state (OPEN|PAUSED|CLOSED|SOLD_OUT), pow, margin (ms),
--                                              seed (the draw's), and the script's own epoch, runid, opened
--   KEYS[2] sequence  wr:{room:<id>}:seq      the last ticket's sequence number (INCR)
--   KEYS[3] queue     wr:{room:<id>}:queue    zset user -> ticket (waiting, FIFO by ticket; see newTicket)
--   KEYS[4] beats     wr:{room:<id>}:beats    zset user -> heartbeat deadline (ms) of the waiting
--   KEYS[5] active    wr:{room:<id>}:active   zset user -> min(heartbeat deadline, shopping end) (ms)
--   KEYS[6] ends      wr:{room:<id>}:ends     zset user -> shopping end (ms) of the active
--   KEYS[7] log       wr:{room:<id>}:log      zset ticket -> admission time (ms), the last minute
--   ARGV[1] mode, ARGV[2] roomId, ARGV[3] the outbox's backlog limit, ARGV[4] the outbox stream of this
--   node (platform's OutboxRelay moves it to Kafka); the modes' own arguments from ARGV[5]
--
--   put:     ARGV[5..] field, value, ... (the whole configuration)       -> {1}
--   seed:    as put, written only when the room has no configuration      -> {1 written | 0}
--   join:    ARGV[5] user -> {code, state, position, ticket, expected, latest, end, now}
--            code 1 joined, 2 already in (same place, heartbeat), -1 shop and queue full (rejected),
--            -2 outbox full (nothing written), -3 no such room, -4 room closed or sold out
--   status:  ARGV[5] heartbeat '1'|'lazy'|'0' (lazy: the open WebSockets' push rounds, see fresh),
--            ARGV[6..] users
--            -> {now, roomState, then per user: state, position, expected, latest, end, ticket (if waiting)}
--   leave:   ARGV[5] user -> {1 left | 0 was not in}
--   tick:    ARGV[5] batch -> {now, admitted, idle, expired, more 1|0}
--   info:    -> {now, state, active, waiting, admissions in the last minute, last's expected, last's latest}
--   soldout: -> {waiting dropped}
--
-- States per user: A active, W waiting, N not in the room. Times are epoch ms; expected and latest
-- are the EWT: latest is guaranteed while the room stays open (docs/waiting-room.md), expected follows
-- the admissions of the last minute. Events go to the outbox without eventId and occurredAt, which
-- the relay adds.

local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local mode, roomId = ARGV[1], ARGV[2]
local CONFIG, SEQ, QUEUE, BEATS, ACTIVE, ENDS, LOG = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6],
  KEYS[7]
local OUTBOX = ARGV[4]
local TOPIC = 'headcount.waiting-room-events'
local WINDOW = 60000

local function num(v)
  return string.format('%d', v)
end

local function emit(kind, fields)
  redis.call('XADD', OUTBOX, '*', 'topic', TOPIC, 'key', roomId, 'ts', num(now),
    'payload', '{"type":"' .. kind .. '","version":1,"roomId":' .. cjson.encode(roomId) .. fields .. '}')
end

if mode == 'put' or mode == 'seed' then
  if mode == 'seed' and redis.call('EXISTS', CONFIG) == 1 then
    return {0}
  end
  -- the ticket epoch, the draw's seed (secret until opening) and whether it opened outlive a change
  local kept = redis.call('HMGET', CONFIG, 'epoch', 'runid', 'seed', 'opened')
  redis.call('DEL', CONFIG)
  for i = 5, #ARGV, 2 do
    redis.call('HSET', CONFIG, ARGV[i], ARGV[i + 1])
  end
  local names = {'epoch', 'runid', 'seed', 'opened'}
  for i = 1, 4 do
    if kept[i] then
      redis.call('HSET', CONFIG, names[i], kept[i])
    end
  end
  return {1}
end

local cfg = redis.call('HGETALL', CONFIG)
if #cfg == 0 then
  return {-3}
end
local c = {}
for i = 1, #cfg, 2 do
  c[cfg[i]] = cfg[i + 1]
end
local capacity, queueCapacity = tonumber(c.capacity), tonumber(c.queue)
local shop, beat, margin = tonumber(c.shop), tonumber(c.beat), tonumber(c.margin)
local state = c.state
local opens = (c.opens ~= nil and c.opens ~= '') and tonumber(c.opens) or 0
local admitting = state == 'OPEN' and now >= opens
local DRAWN = 4294967296

-- The ticket epoch: bumped whenever this room's keys are served by another Redis process than the
-- one that handed out the last ticket (a failover to a replica that may have missed the last INCRs,
-- a restart from the AOF), so that a ticket number is never handed out twice.
local function epoch()
  local runId = string.match(redis.call('INFO', 'server'), 'run_id:(%x+)')
  if c.runid ~= runId then
    redis.call('HSET', CONFIG, 'runid', runId)
    c.runid = runId
    c.epoch = tostring(redis.call('HINCRBY', CONFIG, 'epoch', 1))
  end
  return tonumber(c.epoch)
end

-- A new place's ticket (its score in the queue). Before the opening time the order is drawn: the
-- first 32 bits of SHA-1(seed:user), the seed kept secret until the opening (the RoomOpened event
-- publishes it, so anyone can recompute the order from it and the joins); ties by user id, as the
-- sorted set orders them. From the opening on: epoch * 2^32 + sequence, always after every drawn one.
local function newTicket(user)
  if now < opens and c.seed then
    return tonumber(string.sub(redis.sha1hex(c.seed .. ':' .. user), 1, 8), 16)
  end
  return epoch() * DRAWN + redis.call('INCR', SEQ)
end

-- The admission time no later than which, and the expected one, of the p-th in line (1-based):
-- the C slots free at the latest at now (a free slot) or their shopper's end, each slot then again
-- one shopping time (plus the loop's margin) later; the expected value spends the last minute's
-- admission rate on the places ahead.
-- What ewt reads that is the same for every user of one call (a status call answers up to 500), read
-- once; forgotten when the call removes someone (an eviction found on the way).
local shared = nil

local function ewtShared()
  if not shared then
    shared = {active = redis.call('ZCARD', ACTIVE), admitted = redis.call('ZCOUNT', LOG, now - WINDOW, '+inf')}
    if shared.admitted >= 3 then
      local first = redis.call('ZRANGEBYSCORE', LOG, now - WINDOW, '+inf', 'WITHSCORES', 'LIMIT', 0, 1)
      shared.first = tonumber(first[2])
    end
  end
  return shared
end

local function ewt(p)
  local base = math.max(now, opens)
  local known = ewtShared()
  local free = math.max(0, capacity - known.active)
  local j = (p - 1) % capacity
  local cycles = math.floor((p - 1) / capacity)
  local slot = base
  if j >= free then
    local e = redis.call('ZRANGE', ENDS, j - free, j - free, 'WITHSCORES')
    if #e == 2 then
      slot = math.max(base, tonumber(e[2]))
    end
  end
  local latest = slot + cycles * (shop + margin) + margin
  local admitted = known.admitted
  local expected
  if admitted >= 3 then
    local span = math.max(1000, math.min(WINDOW, now - known.first))
    local ahead = math.max(0, p - free)
    expected = base + ahead * span / admitted
  else
    expected = slot + cycles * shop
  end
  return math.floor(math.min(math.max(expected, base), latest)), latest
end

local function evicted(user, reason, ticket, wasActive)
  emit('ShopperEvicted', ',"userId":' .. cjson.encode(user) .. ',"reason":"' .. reason .. '","ticket":'
    .. (ticket and num(ticket) or 'null') .. ',"wasActive":' .. (wasActive and 'true' or 'false'))
end

local function admit(user, ticket)
  shared = nil
  local ends = now + shop
  redis.call('ZADD', ACTIVE, math.min(now + beat, ends), user)
  redis.call('ZADD', ENDS, ends, user)
  redis.call('ZADD', LOG, now, num(ticket))
  emit('ShopperAdmitted', ',"userId":' .. cjson.encode(user) .. ',"ticket":' .. num(ticket)
    .. ',"shoppingEndsAt":"' .. iso(ends) .. '"' .. ',"active":' .. num(redis.call('ZCARD', ACTIVE)))
  return ends
end

local function removeActive(user)
  shared = nil
  redis.call('ZREM', ACTIVE, user)
  redis.call('ZREM', ENDS, user)
end

local function removeWaiting(user)
  shared = nil
  redis.call('ZREM', QUEUE, user)
  redis.call('ZREM', BEATS, user)
end

local function backlogFull()
  return redis.call('XLEN', OUTBOX) >= tonumber(ARGV[3])
end

-- Whether a deadline is close enough to what a heartbeat now would write that a lazy heartbeat (an
-- open WebSocket's, every push round) may leave it: within a tenth of the timeout, at most 1 s. Saves
-- the write (and its replication) on most rounds; a connected user's deadline stays at least 0.9 of
-- the timeout ahead.
local function fresh(deadline, wanted)
  return deadline >= wanted - math.min(1000, math.floor(beat / 10))
end

-- One user's state: {state, position, expected, latest, end, ticket}, after a heartbeat if asked
-- (true, or 'lazy': see fresh). A user found
-- past a deadline the loop has not swept yet is evicted here, with its one event, as the loop would.
local function status(user, heartbeat)
  local score = redis.call('ZSCORE', ACTIVE, user)
  if score then
    local ends = tonumber(redis.call('ZSCORE', ENDS, user) or '0')
    if tonumber(score) <= now then
      removeActive(user)
      evicted(user, (ends <= now) and 'expired' or 'idle', nil, true)
      return {'N', 0, 0, 0, 0, 0}
    end
    if heartbeat and not (heartbeat == 'lazy' and fresh(tonumber(score), math.min(now + beat, ends))) then
      redis.call('ZADD', ACTIVE, 'XX', math.min(now + beat, ends), user)
    end
    return {'A', 0, now, now, ends, 0}
  end
  local ticket = redis.call('ZSCORE', QUEUE, user)
  if ticket then
    local deadline = tonumber(redis.call('ZSCORE', BEATS, user) or '0')
    if deadline <= now then
      removeWaiting(user)
      evicted(user, 'idle', tonumber(ticket), false)
      return {'N', 0, 0, 0, 0, 0}
    end
    if heartbeat and not (heartbeat == 'lazy' and fresh(deadline, now + beat)) then
      redis.call('ZADD', BEATS, 'XX', now + beat, user)
    end
    local p = redis.call('ZRANK', QUEUE, user) + 1
    local expected, latest = ewt(p)
    return {'W', p, expected, latest, 0, tonumber(ticket)}
  end
  return {'N', 0, 0, 0, 0, 0}
end

if mode == 'join' then
  local user = ARGV[5]
  local s = status(user, true)
  if s[1] ~= 'N' then
    return {2, s[1], s[2], s[6], s[3], s[4], s[5], now}
  end
  if state == 'CLOSED' or state == 'SOLD_OUT' then
    return {-4, state}
  end
  if backlogFull() then
    return {-2}
  end
  local waiting = redis.call('ZCARD', QUEUE)
  local active = redis.call('ZCARD', ACTIVE)
  if waiting == 0 and admitting and active < capacity then
    local ticket = newTicket(user)
    emit('ShopperJoined', ',"userId":' .. cjson.encode(user) .. ',"position":0,"ticket":' .. num(ticket)
      .. ',"expectedAdmissionAt":"' .. iso(now) .. '","admissionNoLaterThan":"' .. iso(now) .. '"')
    local ends = admit(user, ticket)
    return {1, 'A', 0, ticket, now, now, ends, now}
  end
  if waiting >= queueCapacity then
    emit('ShopperRejected', ',"userId":' .. cjson.encode(user) .. ',"reason":"full","waiting":' .. num(waiting)
      .. ',"active":' .. num(active))
    return {-1, 'N', waiting, 0, 0, 0, 0, now}
  end
  local ticket = newTicket(user)
  redis.call('ZADD', QUEUE, ticket, user)
  redis.call('ZADD', BEATS, now + beat, user)
  local p = waiting + 1
  local expected, latest = ewt(p)
  emit('ShopperJoined', ',"userId":' .. cjson.encode(user) .. ',"position":' .. num(p) .. ',"ticket":'
    .. num(ticket) .. ',"expectedAdmissionAt":"' .. iso(expected) .. '","admissionNoLaterThan":"'
    .. iso(latest) .. '"')
  return {1, 'W', p, ticket, expected, latest, 0, now}
end

if mode == 'status' then
  local out = {now, state}
  local heartbeat = (ARGV[5] == '1') or (ARGV[5] == 'lazy' and 'lazy')
  for i = 6, #ARGV do
    local s = status(ARGV[i], heartbeat)
    for k = 1, 6 do
      out[#out + 1] = s[k]
    end
  end
  return out
end

if mode == 'leave' then
  local user = ARGV[5]
  local wasActive = redis.call('ZSCORE', ACTIVE, user)
  local ticket = redis.call('ZSCORE', QUEUE, user)
  if not wasActive and not ticket then
    return {0}
  end
  removeActive(user)
  removeWaiting(user)
  emit('ShopperLeft', ',"userId":' .. cjson.encode(user) .. ',"reason":"left","ticket":'
    .. (ticket and num(tonumber(ticket)) or 'null') .. ',"wasActive":' .. (wasActive and 'true' or 'false'))
  return {1}
end

if mode == 'tick' then
  local batch = tonumber(ARGV[5])
  local idle, expired, admitted, more = 0, 0, 0, 0
  if backlogFull() then
    return {now, 0, 0, 0, 0}
  end
  -- shoppers past their deadline: shopping time up, or no heartbeat within the timeout
  local gone = redis.call('ZRANGEBYSCORE', ACTIVE, '-inf', now, 'LIMIT', 0, batch)
  for _, user in ipairs(gone) do
    local ends = tonumber(redis.call('ZSCORE', ENDS, user) or '0')
    removeActive(user)
    if ends <= now then
      expired = expired + 1
      evicted(user, 'expired', nil, true)
    else
      idle = idle + 1
      evicted(user, 'idle', nil, true)
    end
  end
  if #gone == batch then
    more = 1
  end
  -- waiting users without a heartbeat within the timeout
  local quiet = redis.call('ZRANGEBYSCORE', BEATS, '-inf', now, 'LIMIT', 0, batch)
  for _, user in ipairs(quiet) do
    local ticket = redis.call('ZSCORE', QUEUE, user)
    removeWaiting(user)
    idle = idle + 1
    evicted(user, 'idle', ticket and tonumber(ticket), false)
  end
  if #quiet == batch then
    more = 1
  end
  redis.call('ZREMRANGEBYSCORE', LOG, '-inf', now - WINDOW)
  if opens > 0 and now >= opens and c.opened ~= '1' then
    redis.call('HSET', CONFIG, 'opened', '1')
    emit('RoomOpened', ',"opensAt":"' .. iso(opens) .. '","drawSeed":' .. cjson.encode(c.seed or '')
      .. ',"drawn":' .. num(redis.call('ZCOUNT', QUEUE, '-inf', '(' .. num(DRAWN))))
  end
  if admitting then
    local free = math.min(capacity - redis.call('ZCARD', ACTIVE), batch)
    local looked = 0
    while admitted < free and looked < 2 * batch do
      local next = redis.call('ZPOPMIN', QUEUE)
      if #next == 0 then
        break
      end
      looked = looked + 1
      local user, ticket = next[1], tonumber(next[2])
      local deadline = tonumber(redis.call('ZSCORE', BEATS, user) or '0')
      redis.call('ZREM', BEATS, user)
      if deadline <= now then
        idle = idle + 1
        evicted(user, 'idle', ticket, false)
      else
        admit(user, ticket)
        admitted = admitted + 1
      end
    end
    if admitted == batch and redis.call('ZCARD', QUEUE) > 0 then
      more = 1
    end
  end
  return {now, admitted, idle, expired, more}
end

if mode == 'info' then
  local waiting = redis.call('ZCARD', QUEUE)
  local expected, latest = 0, 0
  if waiting > 0 then
    expected, latest = ewt(waiting)
  end
  return {now, state, redis.call('ZCARD', ACTIVE), waiting, redis.call('ZCOUNT', LOG, now - WINDOW, '+inf'),
    expected, latest}
end

if mode == 'soldout' then
  local waiting = redis.call('ZCARD', QUEUE)
  redis.call('DEL', QUEUE, BEATS)
  redis.call('HSET', CONFIG, 'state', 'SOLD_OUT')
  emit('RoomSoldOut', ',"waitingDropped":' .. num(waiting) .. ',"active":' .. num(redis.call('ZCARD', ACTIVE)))
  return {waiting}
end

return redis.error_reply('unknown mode ' .. tostring(mode))
