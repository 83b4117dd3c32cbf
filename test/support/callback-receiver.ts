import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the receiver got. */
export interface ReceivedCallback {
  url: URL;
  raw: string;
  body: Record<string, any>;
}

/** How the receiver answers its n-th request (1-based): a status and body, or `hang` (never answer). */
export type ReceiverAnswer = { status: number; body: unknown } | 'hang';

export const OK_ANSWER: ReceiverAnswer = { status: 200, body: { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' } };

/** An app server's callback endpoint on 127.0.0.1 that records every request and answers as told. */
export async function startReceiver(answer: (n: number) => ReceiverAnswer = () => OK_ANSWER) {
  const received: ReceivedCallback[] = [];
  const waiters: Array<() => void> = [];
  const hanging: ServerResponse[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (raw += chunk));
    request.on('end', () => {
      received.push({ url: new URL(request.url ?? '/', 'http://127.0.0.1'), raw, body: JSON.parse(raw) });
      const reply = answer(received.length);
      if (reply === 'hang') hanging.push(response);
      else response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
      for (const wake of waiters.splice(0)) wake();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/im/callback`,
    received,
    /** Resolves once `count` requests have arrived. */
    async until(count: number): Promise<void> {
      while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    async close(): Promise<void> {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
