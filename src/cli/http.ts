/**
 * Requests to an Annals server with node:http(s): a request body streamed from a file (with
 * backpressure, never held whole), the answer's body read as it comes.
 */
import { request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { Failure } from './command.js';

export interface Exchange {
  response: IncomingMessage;
  /** Stops sending (a server may answer before it has read the body) and closes the socket. */
  close(): void;
}

/** Sends the request; resolves once the answer's head has arrived. */
export function send(
  url: string,
  init: { method: 'GET' | 'POST'; headers?: OutgoingHttpHeaders; body?: Readable },
): Promise<Exchange> {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // No keep-alive agent: one request per command, and nothing left open to delay the exit.
    const req = request(target, { method: init.method, headers: init.headers, agent: false });
    const close = () => {
      init.body?.destroy();
      req.destroy();
    };
    req.once('response', (response) => resolve({ response, close }));
    // After an early answer the server may drop the rest of the upload: that error is moot.
    req.on('error', (error: NodeJS.ErrnoException) => {
      reject(new Failure(`cannot reach ${target.origin}: ${error.message || error.code}`));
    });
    if (!init.body) {
      req.end();
      return;
    }
    init.body.once('error', (error) => {
      reject(error instanceof Failure ? error : new Failure(`cannot read: ${error.message}`));
      req.destroy();
    });
    init.body.pipe(req);
  });
}

/** The whole body of an answer, as text. */
export async function readText(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The answer's JSON, or undefined when it is not JSON (a proxy's error page, say). */
export async function readJson(response: IncomingMessage): Promise<unknown> {
  const text = await readText(response);
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** What a problem+json answer says, in one line: `403 Forbidden: The API key is not valid.` */
export function describeAnswer(status: number, body: unknown): string {
  const problem = (body ?? {}) as { title?: unknown; detail?: unknown };
  const title = typeof problem.title === 'string' ? ` ${problem.title}` : '';
  const detail = typeof problem.detail === 'string' ? `: ${problem.detail}` : '';
  return `${status}${title}${detail}`;
}
