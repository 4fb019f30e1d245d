// A local Atlas Administration API v2 over real HTTP (node:http, 127.0.0.1 only), with state,
// seeded demo data, both auth methods, versioning, rate limits, faults and a control plane.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { errorBody, Errors, SimApiError, type ApiErrorBody } from './apiError';
import { atlasUiPage } from './atlasUiPage';
import { Authenticator, type AuthKind } from './auth';
import { allows } from './credentials';
import { FaultSet, parseFaultSpec, type FaultSpec } from './faults';
import type { ExportSettings, RestoreSettings, SimState } from './model';
import { RateLimiter, type RateDecision, type RateLimitConfig } from './rateLimiter';
import { Router, validatePathParams, type RequestContext, type Route } from './routes';
import { buildState, newCluster, type NewClusterSpec } from './seed';
import { buildScaleState } from './scaleSeed';
import { clusterKey } from './model';
import { projectRoutes } from './projectHandlers';
import { backupRoutes } from './backupHandlers';
import { restoreRoutes, restoreSettings } from './restoreHandlers';
import { snapshotContentRoutes } from './snapshotContents';
import { collectionRestoreRoutes } from './collectionRestoreHandlers';
import { flexRoutes } from './flexHandlers';
import { exportRoutes, exportSettings } from './exportHandlers';

export interface AtlasSimulatorOptions {
  rateLimit?: RateLimitConfig;
  /** Bearer token lifetime (default 3600, as Atlas documents). */
  tokenTtlSeconds?: number;
  /** Digest nonce lifetime before `stale=true` (default 300). */
  nonceTtlSeconds?: number;
  /** Millisecond clock; inject one so tests expire tokens and advance snapshots without sleeping. */
  now?: () => number;
  /** Seed the demo data (default true); 'scale' adds 300 projects, 50 clusters in one, 5,000 snapshots on one (scaleSeed.ts). */
  seed?: boolean | 'scale';
  log?: (line: string) => void;
  /** Serve HTTPS with this PEM certificate and key (see tls.ts for making one); plain HTTP without. */
  tls?: { cert: string; key: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** 0 when the connection was dropped by a fault. */
  status: number;
  auth: AuthKind;
  accept: string | null;
  at: string;
}

const API_PREFIX = '/api/atlas/v2';
const V1_PREFIX = '/api/atlas/v1.0';
const MAX_BODY = 1 << 20;

/**
 * v1.0 serves the same resources in the shape of their oldest v2 version (README.md, "v1.0": its schedule is
 * v2 2023-01-01's, its clusters are `LegacyAtlasCluster`), over plain `application/json`. v1.0 has no
 * DELETE of the compliance policy and none of the newer-only resources.
 */
const V1_VERSION = '2023-01-01';
function v1Routes(routes: Route[]): Route[] {
  return routes
    .filter(
      (r) =>
        r.versions.includes(V1_VERSION) && !(r.method === 'DELETE' && r.pattern.endsWith('/backupCompliancePolicy')),
    )
    .map((r) => ({ ...r, versions: [V1_VERSION] }));
}

class Reply {
  status = 200;
  headers: Record<string, string> = {};
  body: unknown = undefined;
  /** Versioned content type once a version was resolved. */
  contentType = 'application/json';
}

export class AtlasSimulator {
  readonly faults = new FaultSet();
  private readonly now: () => number;
  private readonly auth: Authenticator;
  private readonly limiter: RateLimiter;
  private readonly router = new Router([
    ...projectRoutes,
    ...backupRoutes,
    ...restoreRoutes,
    ...snapshotContentRoutes,
    ...collectionRestoreRoutes,
    ...flexRoutes,
    ...exportRoutes,
  ]);
  private readonly v1Router = new Router(
    v1Routes([...projectRoutes, ...backupRoutes, ...restoreRoutes, ...exportRoutes]),
  );
  private readonly seeded: boolean | 'scale';
  private readonly log: (line: string) => void;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>();
  private recorded: RecordedRequest[] = [];
  private state: SimState;
  private baseUrl = '';
  private readonly tls: { cert: string; key: string } | undefined;

  constructor(opts: AtlasSimulatorOptions = {}) {
    this.now = opts.now ?? Date.now;
    this.seeded = opts.seed ?? true;
    this.tls = opts.tls;
    this.log = opts.log ?? (() => undefined);
    this.auth = new Authenticator({
      now: this.now,
      tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
      nonceTtlSeconds: opts.nonceTtlSeconds ?? 300,
    });
    this.limiter = new RateLimiter(opts.rateLimit ?? { limit: 1000, windowSeconds: 60 }, this.now);
    this.state = this.freshState();
  }

  private freshState(): SimState {
    return this.seeded === 'scale'
      ? buildScaleState(this.now())
      : this.seeded
        ? buildState(this.now())
        : { projects: [], clusters: new Map(), seq: 0, flexClusters: [] };
  }

  /** Requests seen so far (never secrets), oldest first. */
  get requests(): RecordedRequest[] {
    return this.recorded.map((r) => ({ ...r, query: { ...r.query } }));
  }

  get url(): string {
    return this.baseUrl;
  }

  /** Restores the seed and clears faults, tokens, nonces, the request log and rate counters. */
  reset(): void {
    this.state = this.freshState();
    this.faults.clear();
    this.auth.reset();
    this.limiter.reset();
    this.recorded = [];
  }

  /**
   * Adds a cluster as Atlas creates one (default backup schedule, no snapshots) to a project; until `reset()`.
   * Throws when the project does not exist or already has a cluster of that name.
   */
  addCluster(spec: NewClusterSpec): void {
    if (!this.state.projects.some((p) => p.id === spec.groupId)) throw new Error(`no project ${spec.groupId}`);
    if (!/^[a-zA-Z0-9][a-zA-Z0-9-]*$/.test(spec.name)) throw new Error(`invalid cluster name ${spec.name}`);
    const key = clusterKey(spec.groupId, spec.name);
    if (this.state.clusters.has(key)) throw new Error(`cluster ${spec.name} exists`);
    this.state.clusters.set(key, newCluster(spec, this.now()));
  }

  /**
   * How long restore jobs created from now on take (size ÷ `bytesPerSecond`, at least `minSeconds`), and how many
   * of the next ones fail. Until `reset()`, which goes back to the defaults (8 GiB/s, 3 s, none failing).
   */
  setRestoreSpeed(settings: Partial<RestoreSettings>): void {
    this.state.restoreSettings = { ...restoreSettings(this.state), ...settings };
  }

  /**
   * How snapshot exports created from now on behave: Queued for at least `queueSeconds` (default 5), then
   * `secondsPerCollection` (default 10) per collection; the next `failNext` jobs fail halfway. Until `reset()`.
   */
  setExportSpeed(settings: Partial<ExportSettings>): void {
    this.state.exportSettings = { ...exportSettings(this.state), ...settings };
  }

  setRateLimit(config: RateLimitConfig): void {
    this.limiter.configure(config);
  }

  async start(port = 0): Promise<{ url: string }> {
    if (this.server) throw new Error('AtlasSimulator already started');
    const listener = (req: IncomingMessage, res: ServerResponse) => {
      this.handle(req, res).catch((e: unknown) => {
        this.log(`simulator: unexpected ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        if (!res.headersSent)
          this.send(
            res,
            Object.assign(new Reply(), { status: 500, body: errorBody(500, 'UNEXPECTED_ERROR', 'Unexpected error.') }),
            new URL('http://x/'),
          );
      });
    };
    const server: Server = this.tls
      ? createHttpsServer({ cert: this.tls.cert, key: this.tls.key }, listener)
      : createServer(listener);
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const addr = server.address() as AddressInfo;
    this.baseUrl = `${this.tls ? 'https' : 'http'}://127.0.0.1:${addr.port}`;
    this.log(`simulator: listening on ${this.baseUrl}`);
    return { url: this.baseUrl };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const t of this.timers) {
      clearTimeout(t.timer);
      t.resolve();
    }
    this.timers.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of this.sockets) s.destroy();
    server.closeAllConnections();
    await closed;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          this.timers.delete(entry);
          resolve();
        }, ms),
        resolve,
      };
      this.timers.add(entry);
    });
  }

  private async readBody(req: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req) {
      const b = chunk as Buffer;
      size += b.length;
      if (size > MAX_BODY) throw new SimApiError(400, 'INVALID_JSON', 'Received JSON does not match expected format.');
      chunks.push(b);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl || 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname.startsWith('/__sim/') || url.pathname === '/__sim') return this.control(req, res, method, url);
    // Open in Atlas's pages (`/v2#/…`, `/v2/<groupId>#/…`): a page for a person, not an API call, so like the control
    // plane never faulted, rate limited or logged.
    const ui = method === 'GET' || method === 'HEAD' ? atlasUiPage(this.state, url.pathname) : undefined;
    if (ui) {
      res.writeHead(ui.status, {
        'Content-Type': 'text/html;charset=utf-8',
        'Content-Length': String(Buffer.byteLength(ui.html)),
        'Content-Security-Policy': ui.csp,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      res.end(method === 'HEAD' ? undefined : ui.html);
      return;
    }

    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      auth: authKindOf(req.headers.authorization),
      accept: req.headers.accept ?? null,
      at: new Date(this.now()).toISOString(),
    };
    this.recorded.push(record);
    if (this.recorded.length > 5000) this.recorded.shift();

    const fault = this.faults.take(method, url.pathname);
    if (fault?.latencyMs) {
      await this.sleep(fault.latencyMs);
      if (!this.server) {
        req.socket.destroy();
        return;
      }
    }
    if (fault?.drop) {
      this.log(`simulator: fault drop ${method} ${url.pathname}`);
      req.socket.destroy();
      return;
    }
    const reply = new Reply();
    if (fault && (fault.status !== undefined || fault.retryAfterSeconds !== undefined)) {
      this.faultReply(reply, fault);
    } else {
      try {
        if (url.pathname === '/api/oauth/token') await this.token(req, reply, method);
        else if (url.pathname === '/api/oauth/revoke') await this.revoke(req, reply, method);
        else if (url.pathname.startsWith('/api/')) await this.api(req, reply, method, url);
        else throw notSimulated(method, url.pathname);
      } catch (e) {
        if (!(e instanceof SimApiError)) throw e;
        this.errorReply(reply, e);
      }
    }
    record.status = reply.status;
    // Faults after the request took effect: the change is made, and then the answer is lost or unreadable.
    if (fault?.after === 'drop') {
      record.status = 0;
      this.log(`simulator: fault drop after ${method} ${url.pathname} → ${reply.status}`);
      req.socket.destroy();
      return;
    }
    if (fault?.after === 'malformed') {
      const text = '{"policies": [ {"id": ';
      res.writeHead(reply.status, {
        'Content-Type': `${reply.contentType};charset=utf-8`,
        'Content-Length': String(Buffer.byteLength(text)),
      });
      res.end(text);
      this.log(`simulator: fault malformed answer ${method} ${url.pathname} → ${reply.status}`);
      return;
    }
    this.send(res, reply, url);
    this.log(`simulator: ${method} ${url.pathname} → ${reply.status}`);
  }

  private faultReply(reply: Reply, fault: FaultSpec): void {
    const status = fault.status ?? 429;
    const code =
      fault.errorCode ??
      (status === 429
        ? 'RATE_LIMITED'
        : status === 503
          ? 'SERVICE_UNAVAILABLE'
          : status >= 500
            ? 'UNEXPECTED_ERROR'
            : 'SIMULATED_FAULT');
    const detail = fault.detail ?? (status === 429 ? 'Resource is limited; retry later.' : 'Simulated fault.');
    reply.status = status;
    reply.body = errorBody(status, code, detail);
    if (status === 429 || fault.retryAfterSeconds !== undefined)
      reply.headers['Retry-After'] = String(fault.retryAfterSeconds ?? 1);
    if (status === 429) {
      const d = this.limiter.settings;
      reply.headers['RateLimit-Limit'] = String(d.limit);
      reply.headers['RateLimit-Remaining'] = '0';
    }
  }

  private errorReply(reply: Reply, e: SimApiError): void {
    reply.status = e.status;
    reply.body = e.body;
    reply.contentType = 'application/json';
    Object.assign(reply.headers, e.headers);
  }

  /** OAuth 2.0 client credentials token endpoint (RFC 6749 §4.4, errors per §5.2). */
  private async token(req: IncomingMessage, reply: Reply, method: string): Promise<void> {
    const form = await this.oauthForm(req, reply, method, 'token');
    if (!form) return;
    const r = this.auth.issueToken(req.headers.authorization, form);
    if (!r.ok) return oauthError(reply, r);
    reply.body = { access_token: r.token, expires_in: r.expiresIn, token_type: 'Bearer' };
  }

  /** OAuth 2.0 token revocation (RFC 7009): 200 with an empty body, also for a token already unknown. */
  private async revoke(req: IncomingMessage, reply: Reply, method: string): Promise<void> {
    const form = await this.oauthForm(req, reply, method, 'revocation');
    if (!form) return;
    const r = this.auth.revokeToken(req.headers.authorization, form);
    if (!r.ok) return oauthError(reply, r);
    reply.status = 200;
  }

  /** What both OAuth endpoints require: no caching, POST, a form body. Undefined once the refusal is in `reply`. */
  private async oauthForm(
    req: IncomingMessage,
    reply: Reply,
    method: string,
    endpoint: string,
  ): Promise<URLSearchParams | undefined> {
    reply.headers['Cache-Control'] = 'no-store';
    reply.headers.Pragma = 'no-cache';
    if (method !== 'POST') {
      reply.status = 405;
      reply.headers.Allow = 'POST';
      reply.body = { error: 'invalid_request', error_description: `The ${endpoint} endpoint accepts POST only.` };
      return undefined;
    }
    const raw = await this.readBody(req);
    const ct = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (ct !== 'application/x-www-form-urlencoded') {
      reply.status = 400;
      reply.body = {
        error: 'invalid_request',
        error_description: 'Content-Type must be application/x-www-form-urlencoded.',
      };
      return undefined;
    }
    return new URLSearchParams(raw);
  }

  private setRateHeaders(reply: Reply, d: RateDecision): void {
    reply.headers['RateLimit-Limit'] = String(d.limit);
    reply.headers['RateLimit-Remaining'] = String(d.remaining);
  }

  private async api(req: IncomingMessage, reply: Reply, method: string, url: URL): Promise<void> {
    const a = this.auth.authenticate(method, req.url ?? url.pathname, req.headers.authorization);
    if (!a.ok) {
      this.setRateHeaders(reply, this.limiter.peek('anonymous'));
      reply.headers['WWW-Authenticate'] = a.challenge;
      // Atlas's real 401 body carries no errorCode; ApiError requires one, so the simulator adds
      // NO_CURRENT_USER ("No current user.", 401 on the error-codes page). See README.md.
      throw new SimApiError(401, 'NO_CURRENT_USER', a.detail, { headers: { ...reply.headers } });
    }
    const rate = this.limiter.hit(a.principal.id);
    this.setRateHeaders(reply, rate);
    if (!rate.allowed) {
      const s = this.limiter.settings;
      throw new SimApiError(
        429,
        'RATE_LIMITED',
        `Resource ${url.pathname} is limited to ${s.limit} requests every ${+(s.windowSeconds / 60).toFixed(2)} minutes.`,
        {
          parameters: [url.pathname, s.limit, s.windowSeconds / 60],
          headers: { ...reply.headers, 'Retry-After': String(rate.retryAfterSeconds) },
        },
      );
    }
    const api = apiOf(url.pathname);
    if (!api) throw notSimulated(method, url.pathname);
    const prefix = api === 'v2' ? API_PREFIX : V1_PREFIX;
    const m = (api === 'v2' ? this.router : this.v1Router).match(method, url.pathname.slice(prefix.length));
    // A path or method the simulator lacks is not one Atlas forbids: 404 saying so, not 405.
    if (!('route' in m)) throw notSimulated(method, url.pathname);
    const route: Route = m.route;
    const version = api === 'v2' ? negotiateVersion(req.headers.accept, route.versions) : V1_VERSION;
    const raw = method === 'GET' || method === 'DELETE' ? '' : await this.readBody(req);
    if (raw.trim()) {
      if (api === 'v2') checkContentType(req.headers['content-type'], version, route.versions);
      else checkV1ContentType(req.headers['content-type']);
    }
    validatePathParams(m.params);
    if (!allows(a.principal.role, route.permission)) throw Errors.forbidden();
    let parsed: { v: unknown } | undefined;
    const ctx: RequestContext = {
      method,
      url,
      params: m.params,
      query: url.searchParams,
      version,
      api,
      principal: a.principal,
      nowMs: this.now(),
      base: this.baseUrl,
      state: this.state,
      body: () => {
        if (!parsed) {
          if (!raw.trim()) parsed = { v: undefined };
          else {
            try {
              parsed = { v: JSON.parse(raw) as unknown };
            } catch {
              throw Errors.malformedJson();
            }
          }
        }
        return parsed.v;
      },
    };
    const result = route.handler(ctx);
    reply.status = result.status;
    // v1.0 answers link to v1.0 resources.
    reply.body =
      api === 'v2' ? result.body : relink(result.body, `${this.baseUrl}${API_PREFIX}/`, `${this.baseUrl}${V1_PREFIX}/`);
    // The version served is named in the answer, whatever date was asked for (Atlas's negotiation).
    reply.contentType = api === 'v2' ? `application/vnd.atlas.${version}+json` : 'application/json';
  }

  private send(res: ServerResponse, reply: Reply, url: URL): void {
    const envelope =
      url.searchParams.get('envelope') === 'true' && apiOf(url.pathname) !== undefined && reply.status !== 401;
    const pretty = url.searchParams.get('pretty') === 'true';
    let status = reply.status;
    let body = reply.body;
    if (envelope) {
      // "Endpoints that return a list of results use the results object as an envelope. Application
      // adds the status parameter to the response body." Everything else is wrapped as {status, content}.
      if (isObject(body) && Array.isArray(body.results)) body = { ...body, status };
      else body = body === undefined ? { status } : { status, content: body };
      status = 200;
    }
    const headers: Record<string, string> = { ...reply.headers };
    let text = '';
    if (body !== undefined && status !== 204) {
      text = pretty ? JSON.stringify(body, null, 2) : JSON.stringify(body);
      headers['Content-Type'] =
        `${isErrorBody(reply.body) && !envelope ? 'application/json' : reply.contentType};charset=utf-8`;
      headers['Content-Length'] = String(Buffer.byteLength(text));
    }
    res.writeHead(status, headers);
    res.end(text);
  }

  // ---- control plane (loopback only; never faulted, never rate limited, never logged) ----

  private async control(req: IncomingMessage, res: ServerResponse, method: string, url: URL): Promise<void> {
    const json = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)) });
      res.end(text);
    };
    const remote = req.socket.remoteAddress ?? '';
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(remote))
      return json(403, { error: 'the control plane is loopback only' });
    const readJson = async (): Promise<unknown> => {
      const raw = await this.readBody(req);
      return raw.trim() ? (JSON.parse(raw) as unknown) : {};
    };
    try {
      switch (`${method} ${url.pathname}`) {
        case 'POST /__sim/faults': {
          const spec = parseFaultSpec(await readJson());
          if (typeof spec === 'string') return json(400, { error: spec });
          this.faults.add(spec);
          return json(201, { faults: this.faults.list() });
        }
        case 'GET /__sim/faults':
          return json(200, { faults: this.faults.list() });
        case 'DELETE /__sim/faults':
          this.faults.clear();
          return json(200, { faults: [] });
        case 'POST /__sim/reset':
          this.reset();
          return json(200, { reset: true });
        case 'POST /__sim/clusters': {
          const b = await readJson();
          if (!isObject(b) || typeof b.groupId !== 'string' || typeof b.name !== 'string')
            return json(400, { error: 'groupId and name (strings) are required' });
          try {
            this.addCluster({
              groupId: b.groupId,
              name: b.name,
              pitEnabled: b.pitEnabled === true,
              backupEnabled: b.backupEnabled !== false,
            });
          } catch (e) {
            return json(400, { error: (e as Error).message });
          }
          return json(201, { added: b.name });
        }
        case 'GET /__sim/requests':
          return json(200, this.requests);
        case 'POST /__sim/rate-limit': {
          const b = await readJson();
          const limit = isObject(b) ? b.limit : undefined;
          const windowSeconds = isObject(b) ? b.windowSeconds : undefined;
          if (
            typeof limit !== 'number' ||
            !Number.isInteger(limit) ||
            limit < 1 ||
            typeof windowSeconds !== 'number' ||
            !(windowSeconds > 0)
          ) {
            return json(400, { error: 'limit must be an integer ≥ 1 and windowSeconds a number > 0' });
          }
          this.setRateLimit({ limit, windowSeconds });
          return json(200, { limit, windowSeconds });
        }
        case 'POST /__sim/restore-speed': {
          const settings = parseRestoreSpeed(await readJson());
          if (typeof settings === 'string') return json(400, { error: settings });
          this.setRestoreSpeed(settings);
          return json(200, restoreSettings(this.state));
        }
        case 'POST /__sim/export-speed': {
          const settings = parseExportSpeed(await readJson());
          if (typeof settings === 'string') return json(400, { error: settings });
          this.setExportSpeed(settings);
          return json(200, exportSettings(this.state));
        }
        default:
          return json(404, { error: `no control endpoint ${method} ${url.pathname}` });
      }
    } catch (e) {
      if (e instanceof SyntaxError) return json(400, { error: 'body is not valid JSON' });
      throw e;
    }
  }
}

/** The control plane's restore settings, or what is wrong with them. */
function parseRestoreSpeed(b: unknown): Partial<RestoreSettings> | string {
  if (!isObject(b)) return 'a JSON object is required';
  const known = ['bytesPerSecond', 'minSeconds', 'failNext'];
  const unknown = Object.keys(b).filter((k) => !known.includes(k));
  if (unknown.length) return `unknown field ${unknown[0]}; the fields are ${known.join(', ')}`;
  const out: Partial<RestoreSettings> = {};
  const { bytesPerSecond, minSeconds, failNext } = b;
  if (bytesPerSecond !== undefined) {
    if (!(typeof bytesPerSecond === 'number' && bytesPerSecond > 0)) return 'bytesPerSecond must be a number > 0';
    out.bytesPerSecond = bytesPerSecond;
  }
  if (minSeconds !== undefined) {
    if (!(typeof minSeconds === 'number' && minSeconds >= 0)) return 'minSeconds must be a number ≥ 0';
    out.minSeconds = minSeconds;
  }
  if (failNext !== undefined) {
    if (!(typeof failNext === 'number' && Number.isInteger(failNext) && failNext >= 0))
      return 'failNext must be a whole number ≥ 0';
    out.failNext = failNext;
  }
  return out;
}

/** The control plane's export settings, or what is wrong with them. */
function parseExportSpeed(b: unknown): Partial<ExportSettings> | string {
  if (!isObject(b)) return 'a JSON object is required';
  const known = ['queueSeconds', 'secondsPerCollection', 'failNext'] as const;
  const unknown = Object.keys(b).filter((k) => !(known as readonly string[]).includes(k));
  if (unknown.length) return `unknown field ${unknown[0]}; the fields are ${known.join(', ')}`;
  const out: Partial<ExportSettings> = {};
  for (const k of known) {
    const v = b[k];
    if (v === undefined) continue;
    if (
      k === 'failNext' ? !(typeof v === 'number' && Number.isInteger(v) && v >= 0) : !(typeof v === 'number' && v >= 0)
    )
      return k === 'failNext' ? 'failNext must be a whole number ≥ 0' : `${k} must be a number ≥ 0`;
    out[k] = v as number;
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isErrorBody(v: unknown): v is ApiErrorBody {
  return isObject(v) && typeof v.error === 'number' && typeof v.errorCode === 'string';
}

function authKindOf(h: string | undefined): AuthKind {
  if (!h) return 'none';
  const s = h.slice(0, 7).toLowerCase();
  if (s.startsWith('bearer')) return 'bearer';
  if (s.startsWith('digest')) return 'digest';
  if (s.startsWith('basic')) return 'basic';
  return 'none';
}

function apiOf(path: string): 'v2' | 'v1.0' | undefined {
  if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) return 'v2';
  if (path === V1_PREFIX || path.startsWith(`${V1_PREFIX}/`)) return 'v1.0';
  return undefined;
}

/** 404 for what the simulator does not serve; the detail says so, so nobody reads it as Atlas's refusal. */
export function notSimulated(method: string, path: string): SimApiError {
  return new SimApiError(
    404,
    'RESOURCE_NOT_FOUND',
    `Cannot find resource ${path}. ${method} ${path} is not simulated by the local Atlas simulator (Atlas itself may serve it).`,
    { parameters: [path] },
  );
}

function relink(v: unknown, from: string, to: string): unknown {
  if (typeof v === 'string') return v.startsWith(from) ? to + v.slice(from.length) : v;
  if (Array.isArray(v)) return v.map((x) => relink(x, from, to));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, relink(x, from, to)]));
  return v;
}

const VERSIONED = /application\/vnd\.atlas\.([0-9A-Za-z-]+)\+json/g;

function isCalendarDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

/**
 * Atlas's version negotiation: the Accept header names a date (`application/vnd.atlas.YYYY-MM-DD+json`),
 * and Atlas serves the newest version of the resource dated on or before it. No versioned media type, a
 * malformed date, or a date earlier than the resource's first version → 406 INVALID_VERSION_DATE.
 * With several dates offered, the one giving the newest version wins. See README.md for the sources.
 */
export function negotiateVersion(accept: string | undefined, versions: readonly string[]): string {
  const asked = [...(accept ?? '').matchAll(VERSIONED)].map((m) => m[1]);
  if (!asked.length || !asked.every(isCalendarDate)) throw Errors.invalidVersion();
  const sorted = [...versions].sort();
  let best: string | undefined;
  for (const d of asked) {
    const served = sorted.filter((v) => v <= d).pop();
    if (served !== undefined && (best === undefined || served > best)) best = served;
  }
  if (best === undefined) throw Errors.invalidVersion();
  return best;
}

/** A versioned request body must negotiate to the version served; plain JSON is accepted as Atlas does. */
function checkContentType(contentType: string | undefined, version: string, versions: readonly string[]): void {
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (/^application\/vnd\.atlas\.[0-9a-z-]+\+json$/.test(ct)) {
    if (negotiateVersion(ct, versions) !== version) throw Errors.invalidVersion();
    return;
  }
  if (ct === 'application/json') return;
  // GUESS: code; Atlas's docs list no media-type error.
  throw new SimApiError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `Content type ${ct || '(none)'} is not supported; send application/vnd.atlas.${version}+json.`,
  );
}

function checkV1ContentType(contentType: string | undefined): void {
  const ct = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (ct === 'application/json' || /^application\/vnd\.atlas\.[0-9a-z-]+\+json$/.test(ct)) return;
  throw new SimApiError(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `Content type ${ct || '(none)'} is not supported; send application/json.`,
  );
}

/** An OAuth error answer (RFC 6749 §5.2); a 401 names the Basic scheme the client must use. */
function oauthError(reply: Reply, r: { status: number; error: string; description: string }): void {
  reply.status = r.status;
  if (r.status === 401) reply.headers['WWW-Authenticate'] = 'Basic realm="MongoDB Atlas"';
  reply.body = { error: r.error, error_description: r.description };
}
