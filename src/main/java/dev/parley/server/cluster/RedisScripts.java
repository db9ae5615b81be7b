package dev.parley.server.cluster;

/**
 * The Lua scripts that keep the nodes' records consistent: each runs atomically in Redis. Node
 * records are plain keys with a TTL; a holder whose node record is gone is dead, and what it held
 * may be taken. Stateless.
 */
final class RedisScripts {
    private RedisScripts() {
    }

    /**
     * Claims or renews a room's lease ({@code NODE|CLAIMED_AT|KIND}): {@code SET PX} when the key
     * is free, already this node's (compare and renew) or held by a dead node. A live other holder
     * keeps it, except that an older claim takes it back: a strong one (renewed without a lapse)
     * from any younger holder, a re-made one (made while Redis was unreachable, or after its lease
     * lapsed; kind {@code r}) only from a younger re-made one. A fresh claim never takes a live
     * holder's room. The holder that loses is told, and moves its clients. KEYS: the lease.
     * ARGV: node ID, claimed-at millis, TTL millis, node key prefix, mode ("fresh", "strong" or
     * "remade"), channel prefix, kind to write ("c" or "r"). Returns {@code {"ours"}} or
     * {@code {"elsewhere", holder, url}}.
     */
    static final String HOLD_ROOM = """
            local value = ARGV[1] .. '|' .. ARGV[2] .. '|' .. ARGV[7]
            local current = redis.call('GET', KEYS[1])
            if current and current ~= value then
              local a = string.find(current, '|', 1, true)
              local b = string.find(current, '|', a + 1, true)
              local holder = string.sub(current, 1, a - 1)
              if holder ~= ARGV[1] then
                local url = redis.call('GET', ARGV[4] .. holder)
                if url then
                  local theirs = tonumber(string.sub(current, a + 1, b - 1))
                  local kind = string.sub(current, b + 1)
                  local mine = tonumber(ARGV[2])
                  local older = mine < theirs or (mine == theirs and ARGV[1] < holder)
                  local mode = ARGV[5]
                  if not ((mode == 'strong' and older) or (mode == 'remade' and kind == 'r' and older)) then
                    return {'elsewhere', holder, url}
                  end
                  redis.call('PUBLISH', ARGV[6] .. holder, 'moved')
                end
              end
            end
            redis.call('SET', KEYS[1], value, 'PX', ARGV[3])
            return {'ours'}
            """;

    /**
     * Claims a user for a session. A fresh login always wins, and the earlier session's node (if
     * it is another live node) is told to end it. A claim put back after Redis was unreachable
     * loses to a later login found there. KEYS: the user's key. ARGV: node ID, login millis,
     * session ID, TTL millis, node key prefix, channel prefix, fresh ("1" or "0"), app ID.
     * Returns "ours" or "taken".
     */
    static final String CLAIM_USER = """
            local value = ARGV[1] .. '|' .. ARGV[2] .. '|' .. ARGV[3]
            local current = redis.call('GET', KEYS[1])
            if current and current ~= value then
              local a = string.find(current, '|', 1, true)
              local b = string.find(current, '|', a + 1, true)
              local holder = string.sub(current, 1, a - 1)
              local theirLogin = tonumber(string.sub(current, a + 1, b - 1))
              local theirSession = string.sub(current, b + 1)
              local myLogin = tonumber(ARGV[2])
              if redis.call('EXISTS', ARGV[5] .. holder) == 1 then
                if ARGV[7] ~= '1' and (theirLogin > myLogin or (theirLogin == myLogin and theirSession > ARGV[3])) then
                  return 'taken'
                end
                if holder ~= ARGV[1] then
                  redis.call('PUBLISH', ARGV[6] .. holder, 'kick|' .. ARGV[8] .. '|' .. theirSession)
                end
              end
            end
            redis.call('SET', KEYS[1], value, 'PX', ARGV[4])
            return 'ours'
            """;

    /**
     * Claims a stream ID: refused only while another user publishes it on another live node.
     * KEYS: the stream's key. ARGV: node ID, user ID, TTL millis, node key prefix. Returns "" when
     * claimed, else the holding node's ID.
     */
    static final String CLAIM_STREAM = """
            local value = ARGV[1] .. '|' .. ARGV[2]
            local current = redis.call('GET', KEYS[1])
            if current and current ~= value then
              local bar = string.find(current, '|', 1, true)
              local holder = string.sub(current, 1, bar - 1)
              local user = string.sub(current, bar + 1)
              if holder ~= ARGV[1] and user ~= ARGV[2] and redis.call('EXISTS', ARGV[4] .. holder) == 1 then
                return holder
              end
            end
            redis.call('SET', KEYS[1], value, 'PX', ARGV[3])
            return ''
            """;

    /** Compare and delete: deletes the key only while it holds this value. KEYS: the key. ARGV: the value. */
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    /**
     * For a room-users query: the URL of another live node holding the room, and whether the user
     * has a session on another live node. KEYS: the lease, the user's key. ARGV: node ID, node key
     * prefix. Returns {@code {url or "", 0 or 1}}.
     */
    static final String LOOKUP = """
            local url = ''
            local room = redis.call('GET', KEYS[1])
            if room then
              local holder = string.sub(room, 1, string.find(room, '|', 1, true) - 1)
              if holder ~= ARGV[1] then
                url = redis.call('GET', ARGV[2] .. holder) or ''
              end
            end
            local elsewhere = 0
            local user = redis.call('GET', KEYS[2])
            if user then
              local holder = string.sub(user, 1, string.find(user, '|', 1, true) - 1)
              if holder ~= ARGV[1] and redis.call('EXISTS', ARGV[2] .. holder) == 1 then
                elsewhere = 1
              end
            end
            return {url, elsewhere}
            """;
}
