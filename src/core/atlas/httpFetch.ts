// The default `fetch`: one request through Node's http/https modules (which VS Code's proxy support patches), with
// the body handed over as a stream. node-fetch v2 did this before, but it pipes the body through a PassThrough that
// never hears that the connection closed early: a body cut short of its Content-Length hung until the timeout. Here
// the response itself is the body, so a premature close ends the read at once, and the transport can cap the size
// and the gaps between bytes (see readBody in transport.ts). Compression is not asked for, so the cap counts what is
// parsed, not what a compressed stream might expand to.
import * as http from 'node:http';
import * as https from 'node:https';
import type { FetchInit, FetchResponseLike } from './transport';

function abortError(): Error {
  return Object.assign(new Error('The request was aborted.'), { name: 'AbortError' });
}

export function httpFetch(url: string, init: FetchInit): Promise<FetchResponseLike> {
  return new Promise((resolve, reject) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    const mod = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
    if (!mod) {
      reject(new Error(`Only http and https URLs are supported, not ${target.protocol}`));
      return;
    }
    if (init.signal?.aborted) {
      reject(abortError());
      return;
    }
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(init.body));
    // Redirects are never followed (the credentials belong to one origin): a 3xx is returned as it is.
    const req = mod.request(target, { method: init.method, headers });
    const onAbort = () => req.destroy(abortError());
    init.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e) => {
      init.signal?.removeEventListener('abort', onAbort);
      reject(e);
    });
    req.on('response', (res: http.IncomingMessage) => {
      res.on('close', () => init.signal?.removeEventListener('abort', onAbort));
      resolve({
        status: res.statusCode ?? 0,
        headers: {
          get: (name: string) => {
            const v = res.headers[name.toLowerCase()];
            return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
          },
        },
        body: res,
        text: async () => {
          const chunks: Buffer[] = [];
          for await (const chunk of res) chunks.push(chunk as Buffer);
          return Buffer.concat(chunks).toString('utf8');
        },
      });
    });
    req.end(init.body);
  });
}
