import { describe, expect, it } from 'vitest';
import { maskMessage, maskNumbers, maskToken } from './mask';

const m = (message: string) => maskMessage(message).join(' ');

describe('masking', () => {
  it('masks numbers, ids, addresses, paths, hex and UUIDs', () => {
    expect(m('PacketResponder 1 for block blk_-6952295868487656571 terminating')).toBe('PacketResponder <*> for block blk_<*> terminating');
    expect(m('connect to 10.251.73.220:50010 failed')).toBe('connect to <*> failed');
    expect(m('request 3f2b9c1e-8a4d-4b7e-9c2f-1d5e6a7b8c9d took 0x1f3a')).toBe('request <*> took <*>');
    expect(m('workerEnv.init() ok /etc/httpd/conf/workers2.properties')).toBe('workerEnv.init() ok <*>');
    expect(m('commit deadbeef12345678 deployed')).toBe('commit <*> deployed');
    expect(m('Connecting to driver: spark://CoarseGrainedScheduler@10.10.34.11:48069')).toBe('Connecting to driver: spark://<*>');
    expect(m('reverse mapping checking getaddrinfo for ns.example.com failed')).toBe('reverse mapping checking getaddrinfo for <*> failed');
    expect(m('auth failure; rhost=host-1.dsl.example.net user=root')).toBe('auth failure; rhost=<*> user=root');
    expect(m('mail to jane@example.com bounced')).toBe('mail to <*> bounced');
  });

  it('keeps numbers that are part of a name', () => {
    expect(maskToken('jk2_init()')).toBe('jk2_init()');
    expect(maskToken('SOCKS5')).toBe('SOCKS5');
    expect(maskNumbers('rdd_21_0')).toBe('rdd_<*>');
  });

  it('folds a quantity and its unit, with or without an annotation, into one variable', () => {
    const a = m('p.com:80 close, 3425 bytes (3.34 KB) sent, 212164 bytes (207 KB) received, lifetime 00:18');
    const b = m('p.com:80 close, 651 bytes sent, 328 bytes received, lifetime <1 sec');
    expect(a).toBe('<*> close, <*> sent, <*> received, lifetime <*>');
    expect(b).toBe(a);
    expect(m('Reading broadcast variable 8 took 26 ms')).toBe('Reading broadcast variable <*> took <*>');
  });

  it('collapses lists of ids and dates inside messages', () => {
    expect(m('ask 10.0.0.1:50010 to delete blk_1 blk_-2 blk_3')).toBe(m('ask 10.0.0.2:50010 to delete blk_9'));
    expect(m('connection from 1.2.3.4 () at Fri Jun 17 07:07:00 2005')).toBe(m('connection from 5.6.7.8 (host.example.net) at Sat Jul  2 10:00:01 2005'));
  });

  it('leaves plain words and empty messages alone', () => {
    expect(maskMessage('Registered BlockManager')).toEqual(['Registered', 'BlockManager']);
    expect(maskMessage('   ')).toEqual([]);
    expect(m('May I help')).toBe('May I help');
  });
});
