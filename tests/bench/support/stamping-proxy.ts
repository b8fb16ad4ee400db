// Child process of llm-overhead.bench.ts: the scripted LLM server plus a proxy in front of it
// that stamps when each request arrives and when each `tokNNN` chunk is written back. It runs
// apart from the benchmark's Playwright driver so that driving the browser cannot delay the
// stamps. Talks to the parent over the fork IPC channel.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLlmServer, type ScenarioInput } from '../../llm-server/server';

export type ProxyMessage =
  | { type: 'ready'; url: string }
  | { type: 'arrival'; marker: string; model: string; at: number }
  | { type: 'token'; k: number; at: number };
export type ProxyCommand = { type: 'scenario'; name: string; scenario: ScenarioInput } | { type: 'stop' };

const now = () => performance.timeOrigin + performance.now();
const send = (message: ProxyMessage) => process.send!(message);

const llm = await startLlmServer({ scenario: 'default' });
const upstream = new URL(llm.url);

const server = http.createServer((req, res) => {
  const arrivedAt = now();
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    try {
      const parsed = JSON.parse(body.toString('utf8')) as { model?: string; messages?: { role: string; content: unknown }[] };
      const last = [...(parsed.messages ?? [])].reverse().find((m) => m.role === 'user');
      const marker = /\b[a-z]+-\d+\b/.exec(String(last?.content ?? ''))?.[0] ?? '';
      send({ type: 'arrival', marker, model: parsed.model ?? '', at: arrivedAt });
    } catch {
      // not a completion request
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        res.flushHeaders();
        up.on('data', (chunk: Buffer) => {
          const at = now();
          res.write(chunk);
          for (const m of chunk.toString('utf8').matchAll(/tok(\d{3})/g)) send({ type: 'token', k: Number(m[1]), at });
        });
        up.on('end', () => res.end());
        up.on('error', () => res.destroy());
      },
    );
    forward.on('error', () => res.destroy());
    forward.end(body);
  });
});

process.on('message', (command: ProxyCommand) => {
  if (command.type === 'scenario') llm.addScenario(command.name, command.scenario);
  if (command.type === 'stop') {
    server.closeAllConnections();
    server.close();
    void llm.close().then(() => process.exit(0));
  }
});

server.listen(0, '127.0.0.1', () => {
  send({ type: 'ready', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
