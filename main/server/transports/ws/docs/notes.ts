/**
 * Hand-written parts of the operation reference that the table cannot tell: what a successful response's `data`
 * holds, the refusals beyond the generic ones, and example inputs.
 */
export interface OperationNote {
  output?: string;
  errors?: readonly string[];
  example?: Record<string, unknown>;
}

const REGISTER_ERRORS = [
  'CALLSIGN_REQUIRED',
  'INVALID_CALLSIGN',
  'RATE_LIMITED',
  'SYSTEM_INACTIVE',
  'QUEUE_PAUSED',
  'CALLSIGN_BANNED',
  'ALREADY_QUEUED',
  'COOLDOWN',
  'QUEUE_FULL',
  'SLOT_ALREADY_WORKED',
  'ALREADY_QUEUED_ELSEWHERE',
  'POSITION_NOT_FOUND',
] as const;

export const OPERATION_NOTES: Readonly<Record<string, OperationNote>> = {
  'public.get_status': { output: '`{active}`' },
  'public.get_frequency': { output: '`{frequency, band, mode, last_updated}` (nulls when none is set)' },
  'public.get_split': { output: '`{split, last_updated}`' },
  'public.get_state': {
    output:
      '`{seq, system:{active,paused}, frequency, split, beam_heading:{beam_heading,beam_heading_visible}, ' +
      'current_qso, queue:{queue,total,max_size,system_active}, worked:{worked_callers,total}, stats}`',
  },
  'queue.register': {
    output:
      '`{message, entry:{callsign, timestamp, position, qrz}, secret}` (keep `secret`: it lets this caller, and only ' +
      'this caller, leave the queue with `queue.leave`), or `{requires_manual_data: true, callsign, message}` ' +
      'when nothing is known about the callsign (then call `queue.register_manual`). Unknown keys in `data` are ignored.',
    errors: REGISTER_ERRORS,
    example: { callsign: 'W1AW' },
  },
  'queue.register_manual': {
    output: 'as `queue.register`',
    errors: REGISTER_ERRORS,
    example: { callsign: 'W1AW', name: 'Hiram', location: 'Newington', country: 'USA' },
  },
  'queue.leave': {
    output: '`{message, left:{callsign, position}}`; then `caller_left` with reason `left`',
    errors: ['INVALID_CALLSIGN', 'NOT_FOUND', 'INVALID_SECRET'],
    example: { callsign: 'W1AW', secret: 'the secret from queue.register' },
  },
  'admin.call_again': {
    output:
      '`{message, outcome: "called"|"dropped"|"moved_back", callsign, calls, position}`; `current_qso` carries ' +
      '`metadata.calls`, and when the rule applies `caller_left` with reason `no_show` and the answer the undo ' +
      'ticket `{undo_id, undo_label, undo_expires_at}` (`admin.undo` makes the QSO current again)',
    errors: ['NOT_FOUND'],
  },
  'admin.no_answer': { output: 'as `admin.call_again`', errors: ['NOT_FOUND'] },
  'admin.get_no_show_rule': { output: '`{calls, action, places}`' },
  'admin.set_no_show_rule': {
    output: 'the new rule `{calls, action, places}`; then `no_show_rule_update`',
    example: { calls: 3, action: 'move_back', places: 3 },
  },
  'queue.get_status': {
    output: 'the entry `{callsign, timestamp, position, qrz, time_in_queue}` with its live position',
    errors: [
      'NOT_FOUND ("Callsign not found in queue")',
      'SYSTEM_INACTIVE (while the system is off, as over HTTP)',
    ],
    example: { callsign: 'W1AW' },
  },
  'queue.list': {
    output: '`{queue:[entry…], total, max_size, system_active}` (empty while the system is off)',
  },
  'queue.get_current': { output: 'the current QSO `{callsign, timestamp, qrz, metadata}`, or null' },
  'admin.get_queue': {
    output: '`{queue, total, max_size, system_active, admin: true}` whatever the system state',
  },
  'admin.remove_callsign': {
    output: '`{message, removed}`',
    errors: ['NOT_FOUND', 'INVALID_CALLSIGN'],
    example: { callsign: 'W1AW' },
  },
  'admin.clear_queue': { output: '`{message, cleared_count}`' },
  'admin.next_qso': {
    output:
      '`{message, current_qso, processed, cleared_qso?, remaining}`; `current_qso` null when the queue was empty',
  },
  'admin.work_callsign': {
    output: '`{message, current_qso, removed_from_queue, was_already_current, cleared_qso?}`',
    errors: ['NOT_FOUND', 'INVALID_CALLSIGN'],
    example: { callsign: 'W1AW' },
  },
  'admin.start_qso': {
    output: '`{message, current_qso, was_in_queue, was_already_current, cleared_qso?}`',
    errors: ['INVALID_CALLSIGN'],
    example: { callsign: 'EA1ABC', frequency_mhz: 14.205, mode: 'SSB' },
  },
  'admin.complete_qso': { output: '`{message, cleared_qso}` (`cleared_qso` null when there was no QSO)' },
  'admin.cancel_qso': { output: '`{message, cancelled_qso}` (null when there was no QSO)' },
  'admin.logging_direct': {
    output:
      '`{type: "ack", timestamp, received, qso_started:{callsign, source, was_in_queue, frequency_mhz, mode}}`',
    errors: [
      'SYSTEM_INACTIVE',
      'LOGGER_DISABLED',
      'UNSUPPORTED_TYPE',
      'CALLSIGN_REQUIRED',
      'INVALID_CALLSIGN',
    ],
    example: { type: 'qso_start', data: { callsign: 'W1AW', frequency_mhz: 14.074, mode: 'FT8' } },
  },
  'admin.get_system_status': { output: '`{active, paused, last_updated, updated_by}`' },
  'admin.set_system_status': {
    output:
      '`{message, status:{active, paused, last_updated, updated_by, queue_cleared, cleared_count, qso_cleared, changed}}`',
    example: { active: true },
  },
  'admin.set_frequency': {
    output: '`{message, frequency_data:{frequency, band, mode, last_updated, updated_by}}`',
    example: { frequency: '14.205.00' },
  },
  'admin.delete_frequency': { output: '`{message, frequency_data:{…, cleared}}`' },
  'admin.set_split': {
    output: '`{message, split_data:{split, last_updated, updated_by}}`',
    example: { split: 'UP 5' },
  },
  'admin.delete_split': { output: '`{message, split_data}`' },
  'admin.set_queue_pause': { example: { paused: true } },
  'admin.set_beam_heading': { example: { beam_heading: 45 } },
  'admin.set_beam_heading_visibility': { example: { beam_heading_visible: true } },
  'admin.set_logger_integration': { example: { enabled: true } },
  'admin.ban_callsign': { errors: ['INVALID_CALLSIGN'], example: { callsign: 'N0CALL', reason: 'spam' } },
  'admin.ban_from_queue': { errors: ['NOT_FOUND', 'INVALID_CALLSIGN'], example: { callsign: 'N0CALL' } },
  'admin.unban_callsign': { errors: ['NOT_FOUND', 'INVALID_CALLSIGN'], example: { callsign: 'N0CALL' } },
  'admin.set_cooldown_rule': { example: { time_period_minutes: 30, enabled: true } },
  'admin.check_cooldown': { example: { callsign: 'W1AW' } },
  'admin.update_worked_ttl': { output: '`{success, message, modified_count, new_expires_at}`' },
  'admin.delete_qso': { errors: ['NOT_FOUND'], example: { id: '<qso id>' } },
  'admin.update_qso': {
    errors: ['NOT_FOUND', 'VALIDATION_ERROR', 'INVALID_CALLSIGN'],
    output: '`{message, qso}`',
    example: { id: '<qso id>', rst_rcvd: '57', comment: 'QSB' },
  },
  'admin.undo': {
    errors: ['NOT_FOUND', 'CONFLICT', 'SYSTEM_INACTIVE'],
    output:
      '`{message, undone:{undo_id, undo_label, undo_expires_at, position_id?}, undoable}` (`position_id` on ' +
      'the tickets of actions taken at a position other than the default one; `undoable`: every open ticket)',
    example: { undo_id: '<undo_id from the answer of the action>' },
  },
  'admin.set_settings': { example: { max_queue_size: 20 } },
  'admin.change_password': {
    errors: ['INVALID_CREDENTIALS', 'CONFLICT'],
    example: { current_password: '…', new_password: '…' },
  },
  'auth.logout': { output: '`{logged_out}`: whether the connection was authenticated' },
  'events.subscribe': {
    output:
      '`{events, positions, seq, replayed, snapshot_required}` (`positions`: the positions whose events it now receives, see "Operating positions"). With `since`, the missed events are sent **before** this ' +
      'response; `snapshot_required: true` means they are no longer in the buffer: call `state.snapshot`.',
    example: { events: ['queue_update', 'current_qso'], since: 1767225600123 },
  },
  'events.unsubscribe': { output: '`{subscribed: false}`' },
  'state.snapshot': {
    output:
      'the body of `public.get_state` (with `seq`: the public state every client follows, ' +
      '`shared/protocol/public-state.ts`) plus `admin`: null for public connections, else ' +
      '`{system, current_qso, bans, cooldown_rule, settings, beam, logger_integration}`. With `positions` ' +
      '(ids, or `"all"`), also `positions: {<id>: {public, admin?}}` (each position\'s public state, the shape ' +
      'of `positions.get_state`; `admin`, for operator connections only: `{system, current_qso, frequency, ' +
      'split, beam}` of that position), `position_list` (as `positions.list` shows it) and `caller_rules`, all ' +
      'at the same `seq`',
    errors: ['POSITION_NOT_FOUND'],
    example: { positions: 'all' },
  },
  'system.ping': { output: '`{pong: true, server_time}`' },
  'system.heartbeat': { output: '`{status: "ok", server_time, uptime_s, seq}`' },
  'system.info': {
    output:
      '`{server, server_version, protocol_version, operations, events, limits:{max_frame_bytes, rate_limit_per_s, ' +
      'rate_limit_burst, ping_interval_s, max_connections}, authenticated, server_time}`',
  },
  'positions.list': {
    output:
      '`{positions:[{id, name, is_default, created_at, frequency, band, mode, split, beam_heading, active, paused, ' +
      'queue_length, max_size, current_callsign}…], caller_rules:{allow_dupes, max_queues_per_caller}, seq}`; with ' +
      '`callsign`, also `callsign` and `worked_slots:[{band, mode}…]` (the slots that caller has in the log)',
    example: { callsign: 'W1AW' },
  },
  'positions.get_queue': {
    output: '`{queue, total, max_size, system_active}` of that position',
    errors: ['POSITION_NOT_FOUND'],
    example: { position_id: 'run-2' },
  },
  'positions.get_state': {
    output:
      "that position's public state, exactly the shape of `public.get_state` " +
      '(`{seq, system, frequency, split, beam_heading, current_qso, queue, worked, stats}`; `worked` is the ' +
      "station's, `stats` the position's own QSO rate); for `default` the same as `public.get_state`",
    errors: ['POSITION_NOT_FOUND'],
    example: { position_id: 'run-2' },
  },
  'admin.create_position': {
    output: '`{position}` as `positions.list` shows it; then `position_update`',
    errors: ['POSITION_NAME_TAKEN', 'POSITION_ID_TAKEN', 'TOO_MANY_POSITIONS'],
    example: { name: 'Run 2 - 40m FT8', frequency: '7.074', mode: 'FT8', active: true },
  },
  'admin.update_position': {
    output:
      '`{position}`; then `position_update` (and the events of what changed: frequency_update, system_status…)',
    errors: ['POSITION_NOT_FOUND', 'POSITION_NAME_TAKEN'],
    example: { position_id: 'run-2', paused: true },
  },
  'admin.delete_position': {
    output: '`{deleted}`: the id; then `position_update` with `position: null`',
    errors: ['POSITION_NOT_FOUND', 'DEFAULT_POSITION_UNDELETABLE', 'POSITION_NOT_EMPTY'],
    example: { position_id: 'run-2' },
  },
  'admin.move_caller': {
    output:
      "`{message, callsign, from_position_id, to_position_id, position}`; then both queues' `queue_update`",
    errors: [
      'NOT_FOUND',
      'POSITION_NOT_FOUND',
      'ALREADY_QUEUED',
      'SLOT_ALREADY_WORKED',
      'QUEUE_FULL',
      'CONFLICT',
    ],
    example: { callsign: 'W1AW', to_position_id: 'run-2' },
  },
  'admin.set_caller_rules': {
    output: '`{caller_rules:{allow_dupes, max_queues_per_caller}}`; then `caller_rules_update`',
    example: { allow_dupes: false, max_queues_per_caller: 1 },
  },
};
