import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { readPollerSettings } from '../../../emulator/pollers/poller-settings';
import { PollOutcome, RestApiPoller } from '../../../emulator/pollers/rest-api-poller';

/**
 * The poller against local APIs over real sockets: each paging type of the 2024-09-01 API, each authentication the
 * emulator polls with, retries, timeouts and the errors a failing API gives.
 */

interface Seen {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

type Handler = (seen: Seen, response: ServerResponse, index: number) => void;

async function withApi(handler: Handler, run: (origin: string, seen: Seen[]) => Promise<void>): Promise<void> {
  const seen: Seen[] = [];
  const server: Server = createServer((incoming, outgoing) => {
    let body = '';
    incoming.on('data', (chunk) => { body += chunk; });
    incoming.on('end', () => {
      const entry = { method: incoming.method ?? '', url: new URL(incoming.url ?? '/', 'http://api.test'), headers: incoming.headers, body };
      seen.push(entry);
      handler(entry, outgoing, seen.length - 1);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

const json = (response: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}) =>
  response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));

const NOW = new Date('2026-12-07T12:00:00.250Z');

/** A poller of `properties` (a RestApiPoller's, as a stack writes them) with its API at `origin`, its events collected. */
function pollerOf(properties: Record<string, unknown>, origin: string, variables: Record<string, string> = {}, now = () => NOW) {
  const events: unknown[] = [];
  const settings = readPollerSettings('Test', {
    dcrConfig: { dataCollectionRuleImmutableId: 'dcr-1', streamName: 'Custom-Test' },
    response: { eventsJsonPaths: ['$.items'] },
    ...properties,
  }, { variables, origin });
  const poller = new RestApiPoller(settings, now, (page) => { events.push(...page); return page.length; }, { sleep: async () => undefined });
  return { poller, events };
}

const items = (from: number, count: number) => Array.from({ length: count }, (_, index) => ({ n: from + index }));
const numbers = (events: unknown[]) => events.map((event) => (event as { n: number }).n);

describe('paging', () => {
  test('NextPageToken: the token from the body goes back as nextPageParaName until it is empty', async () => {
    await withApi((seen, response) => {
      const page = Number(seen.url.searchParams.get('token') ?? '0');
      json(response, { items: items(page * 2, 2), meta: { next: page < 2 ? String(page + 1) : '' } });
    }, async (origin, seen) => {
      const { poller, events } = pollerOf({
        request: { apiEndpoint: 'https://api.example.com/events', queryWindowInMin: 10, startTimeAttributeName: 'from', endTimeAttributeName: 'to' },
        paging: { pagingType: 'NextPageToken', nextPageTokenJsonPath: '$.meta.next', nextPageParaName: 'token', pageSize: 2, pageSizeParameterName: 'size' },
      }, origin);
      const outcome = await poller.poll();
      expect(outcome).toEqual({
        poller: 'Test', window: { start: '2026-12-07T11:50:00.250Z', end: '2026-12-07T12:00:00.250Z' }, requests: 3, pages: 3, events: 6, rowsWritten: 6,
      });
      expect(numbers(events)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(seen.map(({ url }) => url.search)).toEqual([
        '?from=2026-12-07T11%3A50%3A00Z&to=2026-12-07T12%3A00%3A00Z&size=2',
        '?from=2026-12-07T11%3A50%3A00Z&to=2026-12-07T12%3A00%3A00Z&size=2&token=1',
        '?from=2026-12-07T11%3A50%3A00Z&to=2026-12-07T12%3A00%3A00Z&size=2&token=2',
      ]);
    });
  });

  test('NextPageToken from a response header, sent in a request header', async () => {
    await withApi((seen, response) => {
      const page = Number(seen.headers['x-page'] ?? '0');
      json(response, { items: items(page, 1) }, 200, page < 1 ? { 'x-next': String(page + 1) } : {});
    }, async (origin, seen) => {
      const { poller, events } = pollerOf({
        request: { apiEndpoint: 'https://api.example.com/e' },
        paging: { pagingType: 'NextPageToken', nextPageTokenResponseHeader: 'X-Next', nextPageRequestHeader: 'X-Page' },
      }, origin);
      expect((await poller.poll()).error).toBeUndefined();
      expect(numbers(events)).toEqual([0, 1]);
      expect(seen[1].headers['x-page']).toBe('1');
    });
  });

  test('NextPageUrl: the URL in the body is requested as it is (moved to the poll origin), and hasNextFlagJsonPath stops', async () => {
    await withApi((_seen, response, index) => {
      json(response, { items: items(index * 10, 1), next: `https://api.example.com/page/${index + 1}?cursor=c${index + 1}`, more: index < 2 });
    }, async (origin, seen) => {
      const { poller, events } = pollerOf({
        request: { apiEndpoint: 'https://api.example.com/events', startTimeAttributeName: 'since' },
        paging: { pagingType: 'NextPageUrl', nextPageTokenJsonPath: '$.next', hasNextFlagJsonPath: '$.more' },
      }, origin);
      expect((await poller.poll()).error).toBeUndefined();
      expect(numbers(events)).toEqual([0, 10, 20]);
      expect(seen.map(({ url }) => `${url.pathname}${url.search}`)).toEqual(['/events?since=2026-12-07T11%3A55%3A00Z', '/page/1?cursor=c1', '/page/2?cursor=c2']);
    });
  });

  test('LinkHeader: rel="next" of the Link header, until there is none', async () => {
    await withApi((_seen, response, index) => {
      json(response, { items: items(index, 1) }, 200,
        index < 2 ? { link: `<https://api.example.com/events?page=${index + 2}>; rel="next", <https://api.example.com/events?page=1>; rel="first"` } : {});
    }, async (origin, seen) => {
      const { poller, events } = pollerOf({ request: { apiEndpoint: 'https://api.example.com/events' }, paging: { pagingType: 'LinkHeader' } }, origin);
      expect((await poller.poll()).error).toBeUndefined();
      expect(numbers(events)).toEqual([0, 1, 2]);
      expect(seen.map(({ url }) => url.search)).toEqual(['', '?page=2', '?page=3']);
    });
  });

  test('Offset: offsetParaName counts the events read; a page shorter than pageSize is the last', async () => {
    await withApi((seen, response) => {
      const offset = Number(seen.url.searchParams.get('skip'));
      json(response, { items: items(offset, Math.max(0, Math.min(3, 7 - offset))) });
    }, async (origin, seen) => {
      const { poller, events } = pollerOf({
        request: { apiEndpoint: 'https://api.example.com/e' },
        paging: { pagingType: 'Offset', offsetParaName: 'skip', pageSize: 3, pageSizeParameterName: 'top' },
      }, origin);
      expect(await poller.poll()).toMatchObject({ requests: 3, events: 7 });
      expect(numbers(events)).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(seen.map(({ url }) => url.searchParams.get('skip'))).toEqual(['0', '3', '6']);
    });
  });

  test('CountBasedPaging: pageNumberParaName from 1 up to the page count of the body', async () => {
    await withApi((seen, response) => {
      const page = Number(seen.url.searchParams.get('page'));
      json(response, { items: items(page * 100, 2), totalPages: 3 });
    }, async (origin, seen) => {
      const { poller, events } = pollerOf({
        request: { apiEndpoint: 'https://api.example.com/e' },
        paging: { pagingType: 'CountBasedPaging', pageNumberParaName: 'page', pageCountJsonPath: '$.totalPages' },
      }, origin);
      expect(await poller.poll()).toMatchObject({ requests: 3, events: 6 });
      expect(seen.map(({ url }) => url.searchParams.get('page'))).toEqual(['1', '2', '3']);
      expect(numbers(events)).toEqual([100, 101, 200, 201, 300, 301]);
    });
  });

  test('PersistentToken: the next poll starts from the last token, not from the window', async () => {
    await withApi((seen, response) => {
      const token = Number(seen.url.searchParams.get('after') ?? '0');
      json(response, { items: items(token, token < 2 ? 1 : 0), next: token < 2 ? String(token + 1) : '' });
    }, async (origin, seen) => {
      const { poller, events } = pollerOf({
        request: { apiEndpoint: 'https://api.example.com/e' },
        paging: { pagingType: 'PersistentToken', nextPageTokenJsonPath: '$.next', nextPageParaName: 'after' },
      }, origin);
      await poller.poll();
      const first = seen.length;
      await poller.poll();
      expect(seen.slice(first).map(({ url }) => url.searchParams.get('after'))[0]).toBe('2');
      expect(numbers(events)).toEqual([0, 1]);
    });
  });

  test('an API that gives the same next page twice stops the poll with an error', async () => {
    await withApi((_seen, response) => json(response, { items: items(0, 1), next: 'again' }), async (origin) => {
      const { poller } = pollerOf({
        request: { apiEndpoint: 'https://api.example.com/e' },
        paging: { pagingType: 'NextPageToken', nextPageTokenJsonPath: '$.next', nextPageParaName: 't' },
      }, origin);
      const outcome = await poller.poll();
      expect(outcome).toMatchObject({ requests: 2, events: 2, error: 'the API gave the same next page twice (again): paging stopped' });
      // The window is polled again next time (what was written stays: at least once).
      expect((await poller.poll()).window.start).toBe(outcome.window.start);
    });
  });
});

describe('authentication', () => {
  test('APIKey: <apiKeyName>: <apiKeyIdentifier> <key>, the key from --var', async () => {
    await withApi((_seen, response) => json(response, { items: [] }), async (origin, seen) => {
      const { poller } = pollerOf({
        auth: { type: 'APIKey', apiKey: '${var.key}', apiKeyName: 'X-Api-Key', apiKeyIdentifier: 'SSWS' },
        request: { apiEndpoint: 'https://api.example.com/e' },
      }, origin, { key: 's3cret' });
      await poller.poll();
      expect(seen[0].headers['x-api-key']).toBe('SSWS s3cret');
    });
  });

  test('APIKey in the POST payload, with the parameters as JSON', async () => {
    await withApi((_seen, response) => json(response, { items: [] }), async (origin, seen) => {
      const { poller } = pollerOf({
        auth: { type: 'APIKey', apiKey: 'k', apiKeyName: 'api_key', isApiKeyInPostPayload: true },
        request: { apiEndpoint: 'https://api.example.com/search', httpMethod: 'POST', isPostPayloadJson: true, queryParameters: { q: 'all', from: '{_QueryWindowStartTime}' } },
      }, origin);
      await poller.poll();
      expect([seen[0].method, seen[0].headers['content-type'], JSON.parse(seen[0].body)])
        .toEqual(['POST', 'application/json', { q: 'all', from: '2026-12-07T11:55:00Z', api_key: 'k' }]);
    });
  });

  test('Basic: user name and password', async () => {
    await withApi((_seen, response) => json(response, { items: [] }), async (origin, seen) => {
      const { poller } = pollerOf({ auth: { type: 'basic', userName: 'svc', password: '${var.pw}' }, request: { apiEndpoint: 'https://api.example.com/e' } },
        origin, { pw: 'p:w' });
      await poller.poll();
      expect(seen[0].headers.authorization).toBe(`Basic ${Buffer.from('svc:p:w').toString('base64')}`);
    });
  });

  test('OAuth2 client credentials: a token from the token URL (moved to the poll origin), kept across polls, renewed on a 401', async () => {
    let issued = 0;
    let dataRequests = 0;
    await withApi((seen, response) => {
      if (seen.url.pathname === '/oauth/token') {
        issued++;
        json(response, { access_token: `token-${issued}`, expires_in: 3600, token_type: 'Bearer' });
        return;
      }
      dataRequests++;
      // The first token stops working after one request.
      if (seen.headers.authorization === 'Bearer token-1' && dataRequests > 1) {
        json(response, { error: 'expired' }, 401);
        return;
      }
      json(response, { items: [{ token: seen.headers.authorization }] });
    }, async (origin, seen) => {
      const { poller, events } = pollerOf({
        auth: {
          type: 'OAuth2', grantType: 'client_credentials', clientId: 'app', clientSecret: '${var.secret}', tokenEndpoint: 'https://login.example.com/oauth/token',
          scope: 'read:logs',
        },
        request: { apiEndpoint: 'https://api.example.com/e' },
      }, origin, { secret: 'sh' });
      expect((await poller.poll()).error).toBeUndefined();
      const token = seen[0];
      expect([token.method, token.url.pathname, token.headers['content-type'], Object.fromEntries(new URLSearchParams(token.body))])
        .toEqual(['POST', '/oauth/token', 'application/x-www-form-urlencoded', { grant_type: 'client_credentials', client_id: 'app', client_secret: 'sh', scope: 'read:logs' }]);
      expect((await poller.poll()).error).toBeUndefined();
      expect(events.map((event) => (event as { token: string }).token)).toEqual(['Bearer token-1', 'Bearer token-2']);
      expect([issued, seen.map(({ url }) => url.pathname)]).toEqual([2, ['/oauth/token', '/e', '/e', '/oauth/token', '/e']]);
    });
  });

  test('OAuth2 with the client credentials in the header; a token endpoint without access_token is the poll\'s error', async () => {
    await withApi((_seen, response) => json(response, { error: 'invalid_client' }, 400), async (origin, seen) => {
      const { poller } = pollerOf({
        auth: { type: 'OAuth2', clientId: 'app', clientSecret: 'sh', tokenEndpoint: 'https://login.example.com/token', isCredentialsInHeaders: true },
        request: { apiEndpoint: 'https://api.example.com/e' },
      }, origin);
      expect((await poller.poll()).error).toMatch(/^the token endpoint http:\/\/127\.0\.0\.1:\d+\/token answered 400 without an access_token: /);
      expect([seen[0].headers.authorization, seen[0].body]).toEqual([`Basic ${Buffer.from('app:sh').toString('base64')}`, 'grant_type=client_credentials']);
    });
  });

  test('an auth type the emulator does not poll with leaves the poller idle, named', () => {
    expect(() => pollerOf({ auth: { type: 'AWS' }, request: { apiEndpoint: 'https://x.example.com' } }, 'http://127.0.0.1:9'))
      .toThrow('auth.type: "AWS" is not emulated (None, Basic, APIKey and OAuth2 client credentials are)');
  });
});

describe('requests and responses', () => {
  test('429 and 5xx are retried retryCount times with backoff; a 4xx is not', async () => {
    await withApi((_seen, response, index) => (index < 2 ? json(response, { error: 'slow down' }, index === 0 ? 429 : 503, { 'retry-after': '0' })
      : json(response, { items: items(0, 1) })), async (origin, seen) => {
      const { poller, events } = pollerOf({ request: { apiEndpoint: 'https://api.example.com/e', retryCount: 2 } }, origin);
      expect(await poller.poll()).toMatchObject({ requests: 3, events: 1 });
      expect(seen).toHaveLength(3);
      expect(events).toHaveLength(1);
    });
    await withApi((_seen, response) => json(response, { error: 'no' }, 500), async (origin, seen) => {
      const { poller } = pollerOf({ request: { apiEndpoint: 'https://api.example.com/e', retryCount: 2 } }, origin);
      expect((await poller.poll()).error).toMatch(/answered 500: .* \(after 2 retries\)$/);
      expect(seen).toHaveLength(3);
    });
    await withApi((_seen, response) => json(response, { error: 'forbidden' }, 403), async (origin, seen) => {
      const { poller } = pollerOf({ request: { apiEndpoint: 'https://api.example.com/e', retryCount: 5 } }, origin);
      expect((await poller.poll()).error).toMatch(/answered 403/);
      expect(seen).toHaveLength(1);
    });
  });

  test('timeoutInSeconds bounds each request', async () => {
    await withApi(() => undefined, async (origin) => {
      const { poller } = pollerOf({ request: { apiEndpoint: 'https://api.example.com/e', timeoutInSeconds: 0.2, retryCount: 1 } }, origin);
      expect((await poller.poll()).error).toMatch(/failed: no answer within 0\.2 s \(timeoutInSeconds\) \(after 1 retries\)$/);
    });
  });

  test('a body that is not JSON, a failed success status, and a JSON path with a script are the poll\'s errors', async () => {
    await withApi((_seen, response) => response.writeHead(200).end('<html>oops</html>'), async (origin) => {
      const { poller } = pollerOf({ request: { apiEndpoint: 'https://api.example.com/e' } }, origin);
      expect((await poller.poll()).error).toMatch(/^the response is not JSON \(.*\): "<html>oops<\/html>"$/);
    });
    await withApi((_seen, response) => json(response, { status: 'error', items: [] }), async (origin) => {
      const { poller } = pollerOf({
        request: { apiEndpoint: 'https://api.example.com/e' },
        response: { eventsJsonPaths: ['$.items'], successStatusJsonPath: '$.status', successStatusValue: 'ok' },
      }, origin);
      expect((await poller.poll()).error).toBe('$.status is "error", not the success value "ok"');
    });
    await withApi((_seen, response) => json(response, { items: [{ a: 1 }] }), async (origin) => {
      const { poller } = pollerOf({ request: { apiEndpoint: 'https://api.example.com/e' }, response: { eventsJsonPaths: ['$.items[?(@.a==1)]'] } }, origin);
      expect((await poller.poll()).error).toMatch(/^the JSON path "\$\.items\[\?\(@\.a==1\)\]" cannot be read: /);
    });
  });

  test('isGzipCompressed: the body is gunzipped; several eventsJsonPaths are read in turn', async () => {
    await withApi((_seen, response) => response.writeHead(200, { 'content-type': 'application/octet-stream' })
      .end(gzipSync(JSON.stringify({ items: items(0, 2), more: { items: items(5, 1) } }))), async (origin) => {
      const { poller, events } = pollerOf({
        request: { apiEndpoint: 'https://api.example.com/e' },
        response: { eventsJsonPaths: ['$.items', '$.more.items'], isGzipCompressed: true },
      }, origin);
      const outcome: PollOutcome = await poller.poll();
      expect(outcome.error).toBeUndefined();
      expect(numbers(events)).toEqual([0, 1, 5]);
    });
  });

  test('format csv: each row an event, keyed by the header (or Column1, Column2, ... without one), quotes and delimiters read', async () => {
    await withApi((_seen, response) => response.writeHead(200, { 'content-type': 'text/csv' })
      .end('time;user;action\n2026-12-07T10:00:00Z;"smith; j";login\n2026-12-07T10:00:01Z;ann;"say ""hi"""\n'), async (origin) => {
      const { poller, events } = pollerOf({
        request: { apiEndpoint: 'https://api.example.com/export.csv' }, response: { format: 'CSV', csvDelimiter: ';' },
      }, origin);
      expect((await poller.poll()).error).toBeUndefined();
      expect(events).toEqual([
        { time: '2026-12-07T10:00:00Z', user: 'smith; j', action: 'login' }, { time: '2026-12-07T10:00:01Z', user: 'ann', action: 'say "hi"' },
      ]);
    });
    await withApi((_seen, response) => response.writeHead(200).end('a,b\nc,d\n'), async (origin) => {
      const { poller, events } = pollerOf({
        request: { apiEndpoint: 'https://api.example.com/e' }, response: { format: 'csv', hasCsvHeader: false, eventsJsonPaths: ['$'] },
      }, origin);
      await poller.poll();
      expect(events).toEqual([{ Column1: 'a', Column2: 'b' }, { Column1: 'c', Column2: 'd' }]);
    });
    await withApi((_seen, response) => response.writeHead(200).end('a,"b\n'), async (origin) => {
      const { poller } = pollerOf({ request: { apiEndpoint: 'https://api.example.com/e' }, response: { format: 'csv' } }, origin);
      expect((await poller.poll()).error).toMatch(/^the response is not CSV \(/);
    });
  });

  test('queryTimeFormat UnixTimestamp and .NET formats write the window', async () => {
    await withApi((_seen, response) => json(response, { items: [] }), async (origin, seen) => {
      const { poller } = pollerOf({
        request: {
          apiEndpoint: 'https://api.example.com/e', startTimeAttributeName: 'a', endTimeAttributeName: 'b', queryTimeFormat: 'UnixTimestamp',
          queryParameters: { range: '{_QueryWindowStartTime}..{_QueryWindowEndTime}' },
        },
      }, origin);
      await poller.poll();
      const [a, b] = [Date.parse('2026-12-07T11:55:00Z') / 1000, Date.parse('2026-12-07T12:00:00Z') / 1000].map(String);
      expect(Object.fromEntries(seen[0].url.searchParams)).toEqual({ a, b, range: `${a}..${b}` });
    });
  });
});
