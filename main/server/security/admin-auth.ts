import {
  createHash,
  randomBytes,
  scrypt as scryptCb,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { OpError } from '../util/errors.js';
import { FailureThrottle } from './rate-limit.js';

const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 64 } as const;

function scrypt(password: string, salt: Buffer, opts: ScryptOptions, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const credentialFileSchema = z.object({
  username: z.string().min(1),
  algorithm: z.literal('scrypt'),
  salt: z.string(),
  hash: z.string(),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  created: z.string(),
});
type CredentialFile = z.infer<typeof credentialFileSchema>;

export const ADMIN_FILE = 'admin.json';

export interface AdminAuthOptions {
  dataDir: string;
  username: string;
  /** From the environment (ADMIN_PASSWORD): used as given, never written to disk. */
  password?: string | undefined;
  now?: () => number;
  tokenTtlMs?: number;
  /** Where sessions live: a PersistedSessions keeps them across restarts; a plain Map by default. */
  sessions?: Map<string, { username: string; expires: number }>;
}

export interface AdminIdentity {
  username: string;
}

/** A strong random password that is easy to read aloud and type: 4 groups of 5 characters. */
export function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  let out = '';
  for (let i = 0; i < 20; i += 1) {
    if (i > 0 && i % 5 === 0) out += '-';
    out += alphabet[bytes[i]! % alphabet.length];
  }
  return out;
}

/**
 * The operator's credentials and sessions. The password is kept only as an scrypt hash (in the data dir, file
 * mode 0600, when it was generated or changed through the console). HTTP admin requests use Basic auth or a
 * Bearer session token; WebSocket connections exchange the password for a session token. Every comparison is
 * constant-time and failed attempts are throttled per client address.
 */
export class AdminAuth {
  private cred: CredentialFile;
  private readonly throttle: FailureThrottle;
  private readonly now: () => number;
  private readonly tokenTtlMs: number;
  /** sha256(token) -> session */
  private readonly sessions: Map<string, { username: string; expires: number }>;
  /** sha256(basic header) -> expiry: avoids an scrypt per admin request. */
  private readonly verified = new Map<string, number>();

  private constructor(
    private readonly opts: AdminAuthOptions,
    cred: CredentialFile,
    readonly fromEnvironment: boolean,
    /** Set only on the first start without ADMIN_PASSWORD: the password to show once. */
    readonly generatedPassword: string | null,
  ) {
    this.cred = cred;
    this.sessions = opts.sessions ?? new Map<string, { username: string; expires: number }>();
    this.now = opts.now ?? Date.now;
    this.throttle = new FailureThrottle(5, 60_000, 30_000, 15 * 60_000, this.now);
    this.tokenTtlMs = opts.tokenTtlMs ?? 24 * 3_600_000;
  }

  static async open(opts: AdminAuthOptions): Promise<AdminAuth> {
    if (opts.password !== undefined && opts.password !== '') {
      return new AdminAuth(opts, await hashCredentials(opts.username, opts.password), true, null);
    }
    const file = path.join(opts.dataDir, ADMIN_FILE);
    try {
      const parsed = credentialFileSchema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
      if (parsed.success) {
        return new AdminAuth(
          opts,
          { ...parsed.data, username: opts.username || parsed.data.username },
          false,
          null,
        );
      }
      await fs.rename(file, `${file}.invalid-${Date.now()}`);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !(err instanceof SyntaxError)) throw err;
    }
    const password = generatePassword();
    const cred = await hashCredentials(opts.username, password);
    await writeCredentials(file, cred);
    return new AdminAuth(opts, cred, false, password);
  }

  get username(): string {
    return this.cred.username;
  }

  /** Checks a username and password. Throws RATE_LIMITED while the address is locked out. */
  async verifyPassword(username: string, password: string, address: string): Promise<AdminIdentity> {
    this.checkThrottle(address);
    const candidate = await scrypt(
      password,
      Buffer.from(this.cred.salt, 'base64'),
      this.params(),
      SCRYPT.keylen,
    );
    const expected = Buffer.from(this.cred.hash, 'base64');
    const userOk = safeEqual(username, this.cred.username);
    const passOk = candidate.length === expected.length && timingSafeEqual(candidate, expected);
    if (!userOk || !passOk) {
      this.throttle.fail(address);
      throw new OpError('INVALID_CREDENTIALS', 'Invalid admin credentials');
    }
    this.throttle.succeed(address);
    return { username: this.cred.username };
  }

  /** Checks an HTTP Authorization header (Basic or Bearer). */
  async verifyHeader(header: string | undefined, address: string): Promise<AdminIdentity> {
    if (!header) throw new OpError('AUTH_REQUIRED', 'Not authenticated');
    const [scheme, value = ''] = header.split(' ', 2);
    if (scheme?.toLowerCase() === 'bearer') {
      this.checkThrottle(address);
      const session = this.verifyToken(value.trim());
      if (!session) {
        this.throttle.fail(address);
        throw new OpError('INVALID_CREDENTIALS', 'Invalid or expired session token');
      }
      return session;
    }
    if (scheme?.toLowerCase() !== 'basic') throw new OpError('AUTH_REQUIRED', 'Not authenticated');
    const key = sha256(header);
    const cached = this.verified.get(key);
    if (cached !== undefined && cached > this.now()) {
      this.checkThrottle(address);
      return { username: this.cred.username };
    }
    const decoded = Buffer.from(value.trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) {
      this.throttle.fail(address);
      throw new OpError('INVALID_CREDENTIALS', 'Invalid admin credentials');
    }
    const identity = await this.verifyPassword(decoded.slice(0, colon), decoded.slice(colon + 1), address);
    if (this.verified.size > 1000) this.verified.clear();
    this.verified.set(key, this.now() + 60_000);
    return identity;
  }

  /** Creates a session token (returned once; only its hash is kept). */
  createToken(ttlMs: number = this.tokenTtlMs): { token: string; expires_at: string } {
    const token = randomBytes(32).toString('base64url');
    const expires = this.now() + ttlMs;
    this.sessions.set(sha256(token), { username: this.cred.username, expires });
    this.sweep();
    return { token, expires_at: new Date(expires).toISOString() };
  }

  verifyToken(token: string): AdminIdentity | null {
    if (!token) return null;
    // The map is keyed by the token's hash, so the lookup reveals nothing about the secret itself.
    const session = this.sessions.get(sha256(token));
    if (!session) return null;
    if (session.expires <= this.now()) {
      this.sessions.delete(sha256(token));
      return null;
    }
    return { username: session.username };
  }

  revokeToken(token: string): boolean {
    return this.sessions.delete(sha256(token));
  }

  /** Changes the password (console). Not possible while ADMIN_PASSWORD comes from the environment. */
  async changePassword(current: string, next: string, address: string): Promise<void> {
    if (this.fromEnvironment) {
      throw new OpError('CONFLICT', 'The admin password is set by the ADMIN_PASSWORD environment variable');
    }
    if (next.length < 8)
      throw new OpError('VALIDATION_ERROR', 'The new password must be at least 8 characters');
    await this.verifyPassword(this.cred.username, current, address);
    const cred = await hashCredentials(this.cred.username, next);
    await writeCredentials(path.join(this.opts.dataDir, ADMIN_FILE), cred);
    this.cred = cred;
    this.verified.clear();
    this.sessions.clear();
  }

  private checkThrottle(address: string): void {
    const wait = this.throttle.blockedFor(address);
    if (wait > 0) {
      throw new OpError('RATE_LIMITED', 'Too many failed login attempts. Try again later.', {
        retry_after_s: Math.ceil(wait / 1000),
      });
    }
  }

  private params(): ScryptOptions {
    return { N: this.cred.N, r: this.cred.r, p: this.cred.p, maxmem: 64 * 1024 * 1024 };
  }

  private sweep(): void {
    if (this.sessions.size < 1000) return;
    const now = this.now();
    for (const [k, s] of this.sessions) if (s.expires <= now) this.sessions.delete(k);
  }
}

async function hashCredentials(username: string, password: string): Promise<CredentialFile> {
  const salt = randomBytes(16);
  const hash = await scrypt(
    password,
    salt,
    { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: 64 * 1024 * 1024 },
    SCRYPT.keylen,
  );
  return {
    username,
    algorithm: 'scrypt',
    salt: salt.toString('base64'),
    hash: hash.toString('base64'),
    N: SCRYPT.N,
    r: SCRYPT.r,
    p: SCRYPT.p,
    created: new Date().toISOString(),
  };
}

async function writeCredentials(file: string, cred: CredentialFile): Promise<void> {
  const tmp = `${file}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify(cred, null, 2)}\n`, { mode: 0o600 });
  await fs.rename(tmp, file);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}

function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}
