import { describe, expect, it } from 'vitest';
import { connectionOptions } from '../../../../electron/engine/queue/redis-connection.js';
import { maskRedisUrl, redisUrlProblem } from '../../../../shared/workers.js';

describe('Redis URLs', () => {
  it('take redis://, rediss:// (TLS) and unix:// sockets, with a password and a database', () => {
    expect(connectionOptions('redis://cache.lan:6380/2')).toMatchObject({ host: 'cache.lan', port: 6380, db: 2, maxRetriesPerRequest: null });
    expect(connectionOptions('redis://cache.lan')).toMatchObject({ host: 'cache.lan', port: 6379 });
    expect(connectionOptions('redis://:s%40cret@cache.lan:6379')).toMatchObject({ host: 'cache.lan', password: 's@cret' });
    expect(connectionOptions('rediss://ops:pw@redis.example.com:6380')).toMatchObject({ host: 'redis.example.com', port: 6380, username: 'ops', password: 'pw', tls: { servername: 'redis.example.com' } });
    expect(connectionOptions('redis://h:1').tls).toBeUndefined();
    expect(connectionOptions('unix:///run/redis/redis.sock')).toMatchObject({ path: '/run/redis/redis.sock' });
    expect(connectionOptions('unix:///run/redis/redis.sock?password=p%26w&db=3')).toMatchObject({ path: '/run/redis/redis.sock', password: 'p&w', db: 3 });
  });

  it('refuse what is not one, saying what is expected', () => {
    expect(redisUrlProblem('localhost:6379')).toBe('"localhost:6379" is not a Redis URL: it starts with localhost:// (expected redis://, rediss:// or unix://)');
    expect(redisUrlProblem('nonsense')).toBe('"nonsense" is not a URL (expected redis://host:port, rediss://host:port or unix:///path/to/redis.sock)');
    expect(redisUrlProblem('http://h:1')).toMatch(/it starts with http:\/\//);
    expect(redisUrlProblem('unix://')).toBe('"unix://" names no socket path (unix:///path/to/redis.sock)');
    expect(redisUrlProblem('redis://h:1/cache')).toBe('"redis://h:1/cache": the path must be a database number (redis://host:port/0), got "/cache"');
    expect(() => connectionOptions('ftp://h')).toThrow('the Redis URL: "ftp://h" is not a Redis URL');
  });

  it('never show a password', () => {
    expect(maskRedisUrl('rediss://ops:hunter2@redis.example.com:6380')).toBe('rediss://ops:***@redis.example.com:6380');
    expect(maskRedisUrl('redis://h:6379')).toBe('redis://h:6379');
    expect(maskRedisUrl('unix:///run/redis.sock?password=hunter2')).toBe('unix:///run/redis.sock?password=***');
  });
});
