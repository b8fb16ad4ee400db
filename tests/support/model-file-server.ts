import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

/**
 * Serves model directories in the Hugging Face hub layout (`/{org}/{name}/resolve/main/{file}`)
 * on 127.0.0.1 and records every request, standing in for the model host in tests of the
 * transformer embedder. `test/tiny-bert` is the generated fixture (tests/fixtures/tiny-bert);
 * `test/corrupt-bert` has the same files but an ONNX file of garbage.
 */

export const TINY_BERT_DIR = path.resolve(import.meta.dirname, '../fixtures/tiny-bert');

export interface ModelFileServer {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startModelFileServer(): Promise<ModelFileServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    if (req.method === 'OPTIONS') {
      // CORS preflight, as the hub answers it: pages (and happy-dom) ask before custom-header GETs.
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*', 'access-control-allow-methods': 'GET, HEAD' });
      return res.end();
    }
    requests.push(url);
    const match = /^\/test\/(tiny-bert|corrupt-bert)\/resolve\/main\/([\w./-]+)$/.exec(url);
    if (!match || match[2]!.includes('..')) return notFound(res);
    const [, model, file] = match;
    if (model === 'corrupt-bert' && file!.endsWith('.onnx')) return send(res, Buffer.from('this is not an ONNX protobuf '.repeat(40)));
    const full = path.join(TINY_BERT_DIR, file!);
    if (!fs.existsSync(full)) return notFound(res);
    send(res, fs.readFileSync(full));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function send(res: http.ServerResponse, body: Buffer): void {
  res.writeHead(200, { 'content-length': body.length, 'access-control-allow-origin': '*' });
  res.end(body);
}

function notFound(res: http.ServerResponse): void {
  res.writeHead(404, { 'access-control-allow-origin': '*' });
  res.end('Entry not found');
}
