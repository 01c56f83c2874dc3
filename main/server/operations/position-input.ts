import { z } from 'zod';
import { positionIdField } from './positions.js';

/**
 * Input of commands on one operating position that take nothing else: optionally which (`position_id`; absent:
 * the default position, as the original's clients know it).
 */
export const positionInput = z
  .union([z.object({ position_id: positionIdField }).loose(), z.null(), z.undefined()])
  .transform((v) => ({ position_id: v?.position_id }));
