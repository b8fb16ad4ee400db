import { describe, expect, it } from 'vitest';
import { formatTimestamp } from './timestamps';
import { HeaderParser } from './header';

const parse = (line: string) => {
  const p = new HeaderParser(2024).parse(line);
  return { message: p.message, level: p.level, component: p.component, time: p.timestamp && formatTimestamp(p.timestamp.ms, p.timestamp.kind) };
};

describe('header detection', () => {
  it.each([
    // [line, message, level, component]
    ['Jun 14 15:16:01 combo sshd(pam_unix)[19939]: authentication failure; uid=0', 'authentication failure; uid=0', undefined, 'sshd(pam_unix)'],
    ['Dec 10 06:55:46 LabSZ sshd[24200]: Invalid user webmaster from 173.234.31.186', 'Invalid user webmaster from 173.234.31.186', undefined, 'sshd'],
    ['[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6', 'mod_jk child workerEnv in error state 6', 'ERROR', undefined],
    ['081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating', 'PacketResponder 1 for block blk_38865049064139660 terminating', 'INFO', 'dfs.DataNode$PacketResponder'],
    ['17/06/09 20:10:40 INFO executor.CoarseGrainedExecutorBackend: Registered signal handlers for [TERM, HUP, INT]', 'Registered signal handlers for [TERM, HUP, INT]', 'INFO', 'executor.CoarseGrainedExecutorBackend'],
    ['- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO instruction cache parity error corrected', 'instruction cache parity error corrected', 'INFO', undefined],
    ['20171223-22:15:29:606|Step_LSC|30002312|onStandStepChanged 3579', 'onStandStepChanged 3579', undefined, 'Step_LSC'],
    ['[10.30 16:49:06] chrome.exe *64 - proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS', 'proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS', undefined, 'chrome.exe'],
    ['2024-01-15 10:23:45,123 ERROR [main] com.acme.OrderService - Payment declined for order 42', 'Payment declined for order 42', 'ERROR', 'com.acme.OrderService'],
    ['10:23:45.123 [http-nio-8080-exec-1] WARN  c.a.web.Filter - slow request 2300 ms', 'slow request 2300 ms', 'WARN', 'c.a.web.Filter'],
    ['2024-01-15 10:23:45,123 - billing.worker - ERROR - could not connect to db', 'could not connect to db', 'ERROR', 'billing.worker'],
    ['2024-01-15 10:23:45.123  INFO 4121 --- [main] c.a.checkout.CheckoutApplication : Started in 3.2 seconds', 'Started in 3.2 seconds', 'INFO', 'c.a.checkout.CheckoutApplication'],
    ['2024/01/15 10:23:45 [error] 31#31: *8814 connect() failed (111: Connection refused)', '*8814 connect() failed (111: Connection refused)', 'ERROR', undefined],
    ['E0115 10:23:45.123456       1 reflector.go:138] Failed to watch *v1.Pod: unauthorized', 'Failed to watch *v1.Pod: unauthorized', 'ERROR', 'reflector.go:138'],
    ['ERROR: relation "orders" does not exist', 'relation "orders" does not exist', 'ERROR', undefined],
    ['Just a sentence about an error in production', 'Just a sentence about an error in production', undefined, undefined],
  ])('%s', (line, message, level, component) => {
    expect(parse(line)).toMatchObject({ message, level, component });
  });

  it('reads JSON lines and logfmt', () => {
    expect(parse('{"time":"2024-01-15T10:23:45Z","level":"error","msg":"upstream timeout","service":"api"}')).toMatchObject({
      message: 'upstream timeout',
      level: 'ERROR',
      component: 'api',
      time: '2024-01-15T10:23:45Z',
    });
    expect(parse('ts=2024-01-15T10:23:45Z level=warn msg="disk almost full" pct=93')).toMatchObject({
      message: 'disk almost full pct=93',
      level: 'WARN',
      time: '2024-01-15T10:23:45Z',
    });
  });

  it('keeps the time of each format', () => {
    expect(parse('Jun 14 15:16:01 combo kernel: x').time).toBe('2024-06-14T15:16:01');
    expect(parse('- 1117838570 2005.06.03 R02-M1 2005-06-03-15.42.50.675872 R02-M1 RAS KERNEL INFO x').time).toBe('2005-06-03T22:42:50Z');
  });

  it('does not take lower-case prose for a level', () => {
    expect(parse('2024-01-15 10:23:45 error while reading config').level).toBeUndefined();
  });
});
