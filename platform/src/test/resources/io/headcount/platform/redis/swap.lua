-- Moves a value from one key to another atomically and returns the new length of the target.
-- KEYS[1] source list, KEYS[2] target list (same hash tag: same slot)
-- ARGV: none
local value = redis.call('LPOP', KEYS[1])
if not value then
  return -1
end
return redis.call('RPUSH', KEYS[2], value)
