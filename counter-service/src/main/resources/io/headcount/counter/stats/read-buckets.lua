#!lua flags=no-writes
-- Reads statistics buckets for StatsService: one call per read, every key on the object's slot
-- (all share the hash tag {o:<id>}). A bucket hash holds, per bucket start, the count in <start> and
-- <start>:s (sum), <start>:lo (minimum), <start>:hi (maximum), in millionths (apply-batch.lua).
--
-- KEYS[i] a bucket hash; ARGV[3i-2..3i] stride (seconds), first start, number of buckets: one run of
--         consecutive buckets in that hash (a key may come again for another run)
-- Returns one string: the runs' buckets in order, separated by ','; a bucket is '' without events,
-- else 'count sum lo hi' (sum '0' and lo, hi '' when absent). One bulk string instead of four
-- replies per bucket: the fields are looked up here, and the client decodes one value.
local out, n = {}, 0
for k = 1, #KEYS do
  local stride, first, count = tonumber(ARGV[3 * k - 2]), tonumber(ARGV[3 * k - 1]), tonumber(ARGV[3 * k])
  local fields = {}
  for b = 0, count - 1 do
    local s = string.format('%d', first + b * stride)
    fields[4 * b + 1] = s
    fields[4 * b + 2] = s .. ':s'
    fields[4 * b + 3] = s .. ':lo'
    fields[4 * b + 4] = s .. ':hi'
  end
  local v = redis.call('HMGET', KEYS[k], unpack(fields))
  for b = 0, count - 1 do
    n = n + 1
    local c = v[4 * b + 1]
    if c then
      out[n] = c .. ' ' .. (v[4 * b + 2] or '0') .. ' ' .. (v[4 * b + 3] or '') .. ' ' .. (v[4 * b + 4] or '')
    else
      out[n] = ''
    end
  end
end
return { table.concat(out, ',') }
