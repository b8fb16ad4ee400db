// Load generator for the sync server benchmark, run as its own process so that the client's
// work does not share the server's event loop. Reads a JSON spec on stdin, keeps `connections`
// keep-alive connections busy for `durationMs`, prints one JSON result on stdout.
//
// Each client c sends its template again and again; `{client}` becomes c, `{seq}` a counter
// unique in the run, `{cursor}` the cursor of the previous pull of that client.
import http from 'node:http';

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

async function main(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const spec = JSON.parse(input) as Spec;
  const target = new URL(spec.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  let errors = 0;
  let firstError = '';
  let seq = 0;
  const started = performance.now();
  const warmupEnd = started + spec.warmupMs;
  const end = warmupEnd + spec.durationMs;

  const once = (template: Template, client: number, cursor: number) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const n = seq++;
      const body = template.body === undefined ? undefined : fill(template.body, client, n, cursor);
      const req = http.request(
        { agent, host: target.hostname, port: target.port, method: template.method, path: fill(template.path, client, n, cursor), headers: { ...template.headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const client = async (index: number) => {
    const template = spec.templates[index % spec.templates.length]!;
    let cursor = 0;
    while (performance.now() < end) {
      const t0 = performance.now();
      try {
        const res = await once(template, index, cursor);
        const t1 = performance.now();
        if (res.status >= 400) {
          errors++;
          firstError ||= `${res.status} ${res.body.slice(0, 200)}`;
        } else if (t0 >= warmupEnd) {
          latencies.push(t1 - t0);
        }
        if (template.path.includes('{cursor}') && res.status === 200) cursor = (JSON.parse(res.body) as { cursor: number }).cursor;
      } catch (error) {
        errors++;
        firstError ||= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, (_, i) => client(i)));
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  process.stdout.write(
    JSON.stringify({ requests: latencies.length, errors, firstError, rps: latencies.length / (spec.durationMs / 1000), p50: pct(0.5), p99: pct(0.99), max: latencies.at(-1) ?? NaN }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
