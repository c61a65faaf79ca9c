/**
 * The page's client for the app's JSON API: bearer access token, one silent refresh on a 401
 * (rotating refresh token, kept in sessionStorage so a reload stays signed in for this tab), and
 * plan streaming over server-sent events read from a fetch body (EventSource cannot POST or send
 * an Authorization header).
 */
import type { DayView, PlanView, SessionView } from '../../src/routes/_planView';

export type { DayView, MealView, PlanView, SessionView } from '../../src/routes/_planView';

export interface FieldError {
  readonly path: string;
  readonly value?: unknown;
  readonly allowed: string;
}

/** An API error: the server's code and message, field errors, refusal reasons. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: readonly FieldError[] = [],
    readonly reasons: readonly { code: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export interface PlanBody {
  readonly id: number;
  readonly version: number;
  readonly model: string;
  readonly createdAt: string;
  readonly view: PlanView;
  readonly report: {
    readonly targetFindings?: readonly { code: string; message: string }[];
    readonly swap?: {
      readonly removed: readonly string[];
      readonly added: readonly string[];
      readonly inBand: boolean;
    };
  };
}

export type StreamPart =
  | { readonly kind: 'day'; readonly day: number; readonly view: DayView }
  | { readonly kind: 'session'; readonly week: number; readonly index: number; readonly view: SessionView };

interface Tokens {
  accessToken: string;
  refreshToken: string;
  email: string;
}

const KEY = 'nexfitra.session';
let tokens: Tokens | null = (() => {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Tokens | null;
  } catch {
    return null;
  }
})();

let onEnd: (() => void) | undefined;
/** Called when the session ends without the person signing out (the refresh token was refused). */
export function onSessionEnd(f: () => void): void {
  onEnd = f;
}

function keep(t: Tokens | null) {
  tokens = t;
  if (t) sessionStorage.setItem(KEY, JSON.stringify(t));
  else sessionStorage.removeItem(KEY);
}

export const signedInAs = (): string | null => tokens?.email ?? null;

async function errorOf(res: Response): Promise<ApiError> {
  let body: {
    error?: {
      code?: string;
      message?: string;
      fields?: FieldError[];
      reasons?: { code: string; message: string }[];
    };
  } = {};
  try {
    body = await res.json();
  } catch {
    // not JSON: keep the status
  }
  const e = body.error ?? {};
  return new ApiError(
    res.status,
    e.code ?? 'HTTP_' + res.status,
    e.message ?? res.statusText,
    e.fields,
    e.reasons,
  );
}

/**
 * One refresh at a time: requests that meet a 401 together share it. Two refreshes with the same
 * token would present a spent one, which the server treats as theft and answers by revoking the
 * whole session (RFC 9700 §4.14.2).
 */
let refreshing: Promise<boolean> | null = null;
function refresh(): Promise<boolean> {
  refreshing ??= doRefresh().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function doRefresh(): Promise<boolean> {
  if (!tokens) return false;
  const res = await fetch('/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ refreshToken: tokens.refreshToken }),
  });
  if (!res.ok) {
    keep(null);
    onEnd?.();
    return false;
  }
  const t = (await res.json()) as { accessToken: string; refreshToken: string };
  keep({ ...tokens, accessToken: t.accessToken, refreshToken: t.refreshToken });
  return true;
}

async function send(method: string, path: string, body?: unknown, retry = true): Promise<Response> {
  const headers: Record<string, string> = {};
  const sent = tokens?.accessToken;
  if (sent) headers['authorization'] = `Bearer ${sent}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (res.status === 401 && retry && tokens) {
    // Another request may have refreshed meanwhile: retry with its token, else refresh once.
    if (tokens.accessToken !== sent || (await refresh())) return send(method, path, body, false);
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await send(method, path, body);
  return (res.status === 204 ? null : await res.json()) as T;
}

export async function signIn(kind: 'login' | 'signup', email: string, password: string): Promise<void> {
  const t = await api<{ accessToken: string; refreshToken: string }>('POST', `/auth/${kind}`, {
    email,
    password,
  });
  keep({ accessToken: t.accessToken, refreshToken: t.refreshToken, email });
}

export async function signOut(): Promise<void> {
  const t = tokens;
  keep(null);
  if (t)
    await fetch('/auth/logout', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: t.refreshToken }),
    }).catch(() => undefined);
}

/**
 * `POST /plans/stream`: calls `onPart` for each finished session and day as the server sends
 * it and resolves with the stored plan; rejects with the server's error (a refusal included).
 */
export async function streamPlan(model: string, onPart: (p: StreamPart) => void): Promise<PlanBody> {
  const res = await send('POST', `/plans/stream?model=${encodeURIComponent(model)}&days=7&weeks=4`);
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buf += value;
    let cut = buf.indexOf('\n\n');
    while (cut >= 0) {
      const block = buf.slice(0, cut);
      buf = buf.slice(cut + 2);
      cut = buf.indexOf('\n\n');
      const lines = block.split('\n');
      const event = lines
        .find((l) => l.startsWith('event:'))
        ?.slice(6)
        .trim();
      const data = lines
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trimStart())
        .join('\n');
      if (!data) continue;
      const parsed = JSON.parse(data);
      if (event === 'part') onPart(parsed as StreamPart);
      else if (event === 'plan') return parsed as PlanBody;
      else if (event === 'error') {
        const e = parsed.error ?? {};
        throw new ApiError(
          422,
          e.code ?? 'ERROR',
          e.message ?? 'the plan could not be made',
          e.fields,
          e.reasons,
        );
      }
    }
    if (done) throw new ApiError(0, 'STREAM_ENDED', 'the connection closed before the plan arrived');
  }
}
