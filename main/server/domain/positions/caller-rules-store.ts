import type { PositionsFile } from '../../store/positions-file.js';
import type { Logger } from '../types.js';
import { callerRulesSchema, DEFAULT_CALLER_RULES, type CallerRules } from './caller-rules.js';
import { DEFAULT_POSITION_ID, DEFAULT_POSITION_NAME } from './position.js';

/** Where the caller rules are kept: a state document of the default position's entry in positions.db. */
export const CALLER_RULES_KEY = 'caller_rules';

/** The stored caller rules, or the defaults (an invalid document is reset, and the log says so). */
export function callerRulesOf(file: PositionsFile, log: Logger): CallerRules {
  const stored = file.get(DEFAULT_POSITION_ID)?.state[CALLER_RULES_KEY];
  if (stored === undefined) return { ...DEFAULT_CALLER_RULES };
  const parsed = callerRulesSchema.safeParse(stored);
  if (parsed.success) return parsed.data;
  log('warn', 'stored caller rules are invalid and were reset to their defaults');
  return { ...DEFAULT_CALLER_RULES };
}

/** Writes the default position's document in positions.db with a change of its name or of the caller rules. */
export async function saveDefaultPosition(
  file: PositionsFile,
  change: { name?: string; rules?: CallerRules },
  at: string,
): Promise<void> {
  const doc = file.get(DEFAULT_POSITION_ID) ?? {
    _id: DEFAULT_POSITION_ID,
    name: DEFAULT_POSITION_NAME,
    created_at: at,
    state: {},
  };
  await file.put({
    ...doc,
    ...(change.name !== undefined ? { name: change.name } : {}),
    state: { ...doc.state, ...(change.rules ? { [CALLER_RULES_KEY]: change.rules } : {}) },
  });
}
