// Load generator for the sync server benchmark, run as its own process so that the client's
// work does not share the server's event loop. Reads a JSON spec on stdin, keeps `connections`
// keep-alive connections busy for `durationMs`, prints one JSON result on stdout.
//
// Each client c sends its template again and again; `{client}` becomes c, `{seq}` a counter
// unique in the run, `{cursor}` the cursor of the previous pull of that client.
//
// It speaks HTTP/1.1 over raw sockets (one request in flight per connection, like a browser's
// keep-alive connection) rather than through `node:http`: on a small machine the generator
// shares the cores with the server, and node's client costs about as much CPU per request as
// the server's work. Its own CPU use is reported (`cpuShare`) so readers see what it took.
import net from 'node:net';

interface Template {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}
interface Spec {
  url: string;
  connections: number;
  durationMs: number;
  warmupMs: number;
  /** One template per client (cycled when fewer than connections). */
  templates: Template[];
}

function fill(text: string, client: number, seq: number, cursor: number): string {
  return text.replaceAll('{client}', String(client)).replaceAll('{seq}', String(seq)).replaceAll('{cursor}', String(cursor));
}

interface Reply {
  status: number;
  body: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');

/** Parses complete responses out of a connection's bytes; keeps what is left for the next read. */
class ResponseReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Reply | null {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headerEnd = this.buffer.indexOf(HEADER_END);
    if (headerEnd < 0) return null;
    const head = this.buffer.toString('latin1', 0, headerEnd);
    const status = Number(head.slice(9, 12));
    const lower = head.toLowerCase();
    const start = headerEnd + 4;
    const lengthAt = lower.indexOf('\r\ncontent-length:');
    if (lengthAt >= 0) {
      const length = Number.parseInt(lower.slice(lengthAt + 17, lengthAt + 40), 10); // parseInt stops at the line end
      if (this.buffer.length < start + length) return null;
      const body = this.buffer.toString('utf8', start, start + length);
      this.buffer = this.buffer.subarray(start + length);
      return { status, body };
    }
    if (lower.includes('\r\ntransfer-encoding: chunked')) {
      // Chunked: wait for the terminating zero-length chunk, then join the chunks.
      const end = this.buffer.indexOf('\r\n0\r\n\r\n', start - 2);
      if (end < 0) return null;
      const parts: string[] = [];
      let at = start;
      for (;;) {
        const lineEnd = this.buffer.indexOf('\r\n', at);
        const size = Number.parseInt(this.buffer.toString('latin1', at, lineEnd), 16);
        if (!size) break;
        parts.push(this.buffer.toString('utf8', lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      this.buffer = this.buffer.subarray(end + 7);
      return { status, body: parts.join('') };
    }
    this.buffer = this.buffer.subarray(start);
    return { status, body: '' };
  }
}

async function main(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const spec = JSON.parse(input) as Spec;
  const target = new URL(spec.url);
  const latencies: number[] = [];
  let errors = 0;
  let firstError = '';
  let seq = 0;
  let answered = 0;
  const started = performance.now();
  const warmupEnd = started + spec.warmupMs;
  const end = warmupEnd + spec.durationMs;
  let cpuAtWarmupEnd: NodeJS.CpuUsage | null = null;
  const warmupTimer = setTimeout(() => (cpuAtWarmupEnd = process.cpuUsage()), spec.warmupMs);

  const client = (index: number) =>
    new Promise<void>((resolve) => {
      const template = spec.templates[index % spec.templates.length]!;
      const headerLines = Object.entries(template.headers)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      const reader = new ResponseReader();
      const socket = net.connect({ host: target.hostname, port: Number(target.port), noDelay: true });
      let cursor = 0;
      let sentAt = 0;
      const send = () => {
        if (performance.now() >= end) {
          socket.end();
          resolve();
          return;
        }
        const n = seq++;
        const body = template.body === undefined ? '' : fill(template.body, index, n, cursor);
        const length = body ? `content-length: ${Buffer.byteLength(body)}\r\n` : '';
        sentAt = performance.now();
        socket.write(`${template.method} ${fill(template.path, index, n, cursor)} HTTP/1.1\r\nhost: ${target.host}\r\n${headerLines}${length}\r\n${body}`);
      };
      socket.on('connect', send);
      socket.on('data', (chunk: Buffer) => {
        const reply = reader.push(chunk);
        if (!reply) return;
        const t1 = performance.now();
        answered++;
        if (reply.status >= 400) {
          errors++;
          firstError ||= `${reply.status} ${reply.body.slice(0, 200)}`;
        } else if (sentAt >= warmupEnd) {
          latencies.push(t1 - sentAt);
        }
        if (reply.status === 200 && template.path.includes('{cursor}')) cursor = (JSON.parse(reply.body) as { cursor: number }).cursor;
        send();
      });
      socket.on('error', (error) => {
        errors++;
        firstError ||= String(error);
        resolve();
      });
    });

  await Promise.all(Array.from({ length: spec.connections }, (_, i) => client(i)));
  clearTimeout(warmupTimer);
  const measuredMs = performance.now() - warmupEnd;
  const cpu = process.cpuUsage(cpuAtWarmupEnd ?? undefined);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  process.stdout.write(
    JSON.stringify({
      requests: latencies.length,
      errors,
      firstError,
      rps: latencies.length / (spec.durationMs / 1000),
      p50: pct(0.5),
      p99: pct(0.99),
      max: latencies.at(-1) ?? NaN,
      // Every answered request, warm-up included (lets the caller divide the server's CPU time by them).
      answered,
      // Share of one core the generator itself used while measuring (1.0 = a whole core).
      cpuShare: (cpu.user + cpu.system) / 1000 / measuredMs,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
