import { createServer, request, Server } from 'node:https';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { generateSelfSignedCertificate } from '../../../emulator/http/self-signed-certificate';
import { readBody, RequestBodyError, RequestBodyTooLargeError } from '../../../emulator/http/read-body';

/** A real HTTPS server that reads bodies with readBody and answers what it got. */
describe('readBody', () => {
  let server: Server;
  let ca: string;
  let url: string;

  beforeAll(async () => {
    const pair = await generateSelfSignedCertificate();
    ca = pair.cert;
    server = createServer(pair, (incoming, response) => {
      const gzip = incoming.url === '/gzip';
      readBody(incoming, 1000, gzip ? { gzip: true, maxDecodedBytes: 5000 } : {}).then(
        (body) => ({ ok: true, length: body.length, text: body.toString('latin1') }),
        (error: RequestBodyError) => ({
          error: error.name, code: error.code,
          ...(error instanceof RequestBodyTooLargeError ? { receivedBytes: error.receivedBytes, decoded: error.decoded } : {}),
        }),
      ).then((answer) => {
        const text = JSON.stringify(answer);
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));

  /** Posts a body in one piece (with Content-Length) or in chunks (without); resolves with the server's answer. */
  function post(path: string, body: Buffer, options: { chunked?: boolean; headers?: Record<string, string> } = {}) {
    return new Promise<any>((resolve, reject) => {
      let answered = false;
      const outgoing = request(`${url}${path}`, {
        method: 'POST', ca, agent: false,
        headers: { ...(options.chunked === true ? {} : { 'content-length': String(body.length) }), ...options.headers },
      }, (response) => {
        answered = true;
        let text = '';
        response.on('data', (chunk) => { text += chunk; });
        response.on('end', () => resolve(JSON.parse(text)));
      });
      outgoing.on('error', (error) => (answered ? undefined : reject(error)));
      if (options.chunked === true) {
        for (let offset = 0; offset < body.length; offset += 300) {
          outgoing.write(body.subarray(offset, offset + 300));
        }
        outgoing.end();
      } else {
        outgoing.end(body);
      }
    });
  }

  test('returns the body as received, with Content-Length or chunked', async () => {
    const body = Buffer.from('x'.repeat(1000));
    await expect(post('/plain', body)).resolves.toEqual({ ok: true, length: 1000, text: body.toString() });
    await expect(post('/plain', body, { chunked: true })).resolves.toEqual({ ok: true, length: 1000, text: body.toString() });
  });

  test('fails at once on a Content-Length over the limit, and the server still answers', async () => {
    await expect(post('/plain', Buffer.alloc(200_000, 'y'))).resolves.toEqual({
      error: 'RequestBodyTooLargeError', code: 'SENTINEL_CDK_REQUEST_BODY_TOO_LARGE', receivedBytes: 200_000, decoded: false,
    });
  });

  test('fails when a chunked body passes the limit', async () => {
    const answer = await post('/plain', Buffer.alloc(5000, 'z'), { chunked: true });
    expect(answer).toMatchObject({ code: 'SENTINEL_CDK_REQUEST_BODY_TOO_LARGE', decoded: false });
    expect(answer.receivedBytes).toBeGreaterThan(1000);
  });

  test('decodes gzip only when asked', async () => {
    const text = 'records '.repeat(500);
    const compressed = gzipSync(text);
    expect(compressed.length).toBeLessThan(1000);
    await expect(post('/gzip', compressed, { headers: { 'content-encoding': 'gzip' } })).resolves.toEqual({ ok: true, length: text.length, text });
    await expect(post('/gzip', Buffer.from('plain'))).resolves.toEqual({ ok: true, length: 5, text: 'plain' });
    await expect(post('/plain', compressed, { headers: { 'content-encoding': 'gzip' } }))
      .resolves.toEqual({ ok: true, length: compressed.length, text: compressed.toString('latin1') });
  });

  test('fails on a gzip body that decodes past its limit, does not decode, or another encoding', async () => {
    await expect(post('/gzip', gzipSync(Buffer.alloc(100_000)), { headers: { 'content-encoding': 'gzip' } }))
      .resolves.toMatchObject({ code: 'SENTINEL_CDK_REQUEST_BODY_TOO_LARGE', decoded: true });
    await expect(post('/gzip', Buffer.from('not gzip'), { headers: { 'content-encoding': 'gzip' } }))
      .resolves.toEqual({ error: 'RequestBodyEncodingError', code: 'SENTINEL_CDK_REQUEST_BODY_ENCODING' });
    await expect(post('/gzip', Buffer.from('x'), { headers: { 'content-encoding': 'br' } }))
      .resolves.toEqual({ error: 'RequestBodyEncodingError', code: 'SENTINEL_CDK_REQUEST_BODY_ENCODING' });
  });
});
