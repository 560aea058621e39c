// The load generator of `npm run bench:webhooks`, in a process of its own so that its work is
// the same for every receiver it drives. Raw keep-alive HTTP/1.1 over `net` sockets with the
// requests signed in advance: per request it only writes a prepared buffer and reads the status
// line, which keeps its CPU (on the same 2 cores as the receivers) small and equal for both.
//
// Input (argv[2]): a JSON file {host, port, path, connections, requests: [{body, signature}]}.
// Output (stdout): one JSON line {seconds, statuses, latenciesMs: [p50, p99, max], errors}.
import { readFileSync } from 'node:fs';
import net from 'node:net';

type Job = { host: string; port: number; path: string; connections: number; requests: { body: string; signature: string }[] };

const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Job;
const wire = job.requests.map((r) =>
  Buffer.from(
    `POST ${job.path} HTTP/1.1\r\nhost: ${job.host}:${job.port}\r\ncontent-type: application/json\r\n` +
      `x-hub-signature-256: ${r.signature}\r\ncontent-length: ${Buffer.byteLength(r.body)}\r\nconnection: keep-alive\r\n\r\n${r.body}`,
  ),
);

let next = 0;
const statuses: Record<number, number> = {};
const latencies: number[] = [];
let errors = 0;

/** Bytes of one whole response at the start of buf, or 0 when more must arrive. */
function responseLength(buf: Buffer): { length: number; status: number } {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return { length: 0, status: 0 };
  const head = buf.subarray(0, headEnd).toString('latin1');
  const status = Number(head.slice(9, 12));
  const cl = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (cl) {
    const total = headEnd + 4 + Number(cl[1]);
    return { length: buf.length >= total ? total : 0, status };
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    const end = buf.indexOf('\r\n0\r\n\r\n', headEnd);
    const bare = buf.indexOf('0\r\n\r\n', headEnd + 4) === headEnd + 4 ? headEnd + 4 + 5 : 0;
    if (bare) return { length: bare, status };
    return { length: end < 0 ? 0 : end + 7, status };
  }
  return { length: headEnd + 4, status };
}

function runConnection(): Promise<void> {
  return new Promise((resolve) => {
    const socket = net.connect(job.port, job.host);
    socket.setNoDelay(true);
    let buf: Buffer = Buffer.alloc(0);
    let startedAt = 0;
    const sendNext = () => {
      if (next >= wire.length) {
        socket.end();
        return resolve();
      }
      const i = next++;
      startedAt = performance.now();
      socket.write(wire[i]);
    };
    socket.on('connect', sendNext);
    socket.on('data', (d: Buffer) => {
      buf = buf.length === 0 ? d : Buffer.concat([buf, d]);
      const { length, status } = responseLength(buf);
      if (length === 0) return;
      latencies.push(performance.now() - startedAt);
      statuses[status] = (statuses[status] ?? 0) + 1;
      buf = buf.subarray(length);
      sendNext();
    });
    socket.on('error', () => {
      errors++;
      resolve();
    });
  });
}

const pct = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);

async function main() {
  const started = performance.now();
  await Promise.all(Array.from({ length: job.connections }, runConnection));
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  process.stdout.write(`${JSON.stringify({ seconds, statuses, latenciesMs: [round(pct(sorted, 50)), round(pct(sorted, 99)), round(sorted.at(-1) ?? 0)], errors })}\n`);
}

void main();
