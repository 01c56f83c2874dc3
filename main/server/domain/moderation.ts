import type { EventPayloads } from '../../../shared/protocol/events.js';
import type { Ban, CooldownRule, QsoRecord } from '../../../shared/protocol/types.js';
import { isoAt } from '../util/time.js';
import { STATE_KEYS } from './state-schemas.js';
import type { CooldownCheck, PutState } from './types.js';

/** What moderation writes and announces; the Station hands it the store's writes and its event emitter. */
export interface ModerationDeps {
  putBan(ban: Ban): Promise<void>;
  removeBan(callsign: string): Promise<unknown>;
  clearBans(): Promise<unknown>;
  putState: PutState;
  now(): number;
  emitBans(payload: EventPayloads['bans_update']): void;
  emitCooldownRule(payload: EventPayloads['cooldown_rule_update']): void;
}

/**
 * Bans and the re-registration cooldown: who may not register, and who may not register again yet. Each change
 * is written first, then held in memory, then announced. The Station runs these inside its commands.
 */
export class Moderation {
  private readonly bans = new Map<string, Ban>();
  private cooldown: CooldownRule;
  /** When each callsign was last worked (ms), from the QSO log. */
  private readonly lastWorked = new Map<string, number>();

  constructor(
    loaded: { bans: Ban[]; cooldown: CooldownRule; qsos: readonly QsoRecord[] },
    private readonly deps: ModerationDeps,
  ) {
    for (const b of loaded.bans) this.bans.set(b.callsign, b);
    this.cooldown = loaded.cooldown;
    this.rebuildLastWorked(loaded.qsos);
  }

  // ------------------------------------------------------------------ bans

  /** The ban that keeps this callsign (or its base callsign) out, if any. */
  banFor(callsign: string, base: string): Ban | undefined {
    return this.bans.get(callsign) ?? (base !== callsign ? this.bans.get(base) : undefined);
  }

  getBans(): Ban[] {
    return [...this.bans.values()].sort((a, b) => a.banned_timestamp.localeCompare(b.banned_timestamp));
  }

  get banCount(): number {
    return this.bans.size;
  }

  async ban(callsign: string, reason: string | null, actor: string): Promise<Ban> {
    const ban: Ban = { callsign, reason, banned_by: actor, banned_timestamp: isoAt(this.deps.now()) };
    await this.deps.putBan({ ...ban });
    this.bans.set(ban.callsign, ban);
    return ban;
  }

  /** Unbans a callsign; undefined when it was not banned. */
  async unban(callsign: string): Promise<Ban | undefined> {
    const ban = this.bans.get(callsign);
    if (!ban) return undefined;
    await this.deps.removeBan(callsign);
    this.bans.delete(callsign);
    this.announceBans();
    return ban;
  }

  async clearBans(): Promise<number> {
    const count = this.bans.size;
    if (count === 0) return 0;
    await this.deps.clearBans();
    this.bans.clear();
    this.announceBans();
    return count;
  }

  announceBans(): void {
    this.deps.emitBans({ banned_callsigns: this.getBans(), total: this.bans.size });
  }

  // -------------------------------------------------------------- cooldown

  getCooldownRule(): CooldownRule {
    return { ...this.cooldown };
  }

  async setCooldownRule(rule: CooldownRule): Promise<CooldownRule> {
    await this.deps.putState(STATE_KEYS.cooldown, rule);
    this.cooldown = { ...rule };
    this.deps.emitCooldownRule(this.getCooldownRule());
    return this.getCooldownRule();
  }

  noteWorked(q: QsoRecord): void {
    const off = Date.parse(q.time_off);
    const prev = this.lastWorked.get(q.callsign);
    if (prev === undefined || off > prev) this.lastWorked.set(q.callsign, off);
  }

  rebuildLastWorked(qsos: readonly QsoRecord[]): void {
    this.lastWorked.clear();
    for (const q of qsos) this.noteWorked(q);
  }

  cooldownRemainingMs(callsign: string): number {
    if (!this.cooldown.enabled || this.cooldown.time_period_minutes <= 0) return 0;
    const last = this.lastWorked.get(callsign);
    if (last === undefined) return 0;
    return last + this.cooldown.time_period_minutes * 60_000 - this.deps.now();
  }

  checkCooldown(callsign: string): CooldownCheck {
    const last = this.lastWorked.get(callsign);
    const remainingMs = this.cooldownRemainingMs(callsign);
    return {
      callsign,
      can_register: remainingMs <= 0,
      time_period_minutes: this.cooldown.time_period_minutes,
      enabled: this.cooldown.enabled,
      last_worked: last === undefined ? null : isoAt(last),
      remaining_seconds: Math.max(0, Math.ceil(remainingMs / 1000)),
      remaining_minutes: Math.max(0, Math.ceil(remainingMs / 60_000)),
    };
  }
}
