import { beforeEach, describe, expect, it } from 'vitest';
import { setClient } from './current-client.js';
import { OPS } from './operations.js';
import { applyPositionList, emptyPositionsState } from '../../shared/protocol/positions-state.js';
import {
  askMoveCaller,
  createPosition,
  deletePosition,
  moveCaller,
  setCallerRules,
} from './position-actions.js';
import { INITIAL_STORE, useConsole } from './store.js';
import { fakeClient, RequestFailure, type FakeClient } from './testing-client.js';
import { positionView } from './testing-fixtures.js';

const entry = (id: string, name: string, queue = 0) => positionView(id, { name, queue_length: queue });

let client: FakeClient;

/** The console's camp as the session keeps it (from the snapshot's position list). */
function campOf(...positions: ReturnType<typeof entry>[]) {
  return applyPositionList(emptyPositionsState(), { positions, seq: 1 });
}
const ids = () => useConsole.getState().camp.positions.map((p) => p.id);

beforeEach(() => {
  useConsole.setState({
    ...INITIAL_STORE,
    connection: 'open',
    camp: campOf(entry('default', 'Main', 2), entry('run-2', 'Run 2')),
    callerRules: { allow_dupes: false, max_queues_per_caller: 1 },
  });
  client = fakeClient();
  setClient(client, 'http://127.0.0.1:8000');
});

describe('the camp actions', () => {
  it('create: the new position is in the list at once; a refusal comes back in words', async () => {
    client.answers.set(OPS.createPosition, (data) => ({ position: entry('run-3', String(data?.name)) }));
    const made = await createPosition({ name: 'Run 3', active: true });
    expect(made).toMatchObject({ ok: true, result: { id: 'run-3', name: 'Run 3' } });
    expect(ids()).toEqual(['default', 'run-2', 'run-3']);

    client.answers.set(OPS.createPosition, () => {
      throw new RequestFailure('TOO_MANY_POSITIONS', 'At most 32 positions can be defined');
    });
    expect(await createPosition({ name: 'Run 33', active: true })).toEqual({
      ok: false,
      code: 'TOO_MANY_POSITIONS',
      text: 'At most 32 positions can be defined: delete one no longer in use first.',
    });
  });

  it('delete: gone from the list once the server agrees; a position with callers is kept and says why', async () => {
    client.answers.set(OPS.deletePosition, () => {
      throw new RequestFailure(
        'POSITION_NOT_EMPTY',
        'Position "run-2" still has 1 caller waiting: move them or clear the queue first',
      );
    });
    const refused = await deletePosition('run-2');
    expect(refused).toMatchObject({ ok: false, code: 'POSITION_NOT_EMPTY' });
    expect(refused.ok ? '' : refused.text).toMatch(
      /^"Run 2" cannot be deleted while it still has 1 caller waiting/,
    );
    expect(ids()).toEqual(['default', 'run-2']);
    client.answers.set(OPS.deletePosition, () => ({ deleted: 'run-2' }));
    expect(await deletePosition('run-2')).toEqual({ ok: true, result: null });
    expect(ids()).toEqual(['default']);
  });

  it('move: names the queue the caller leaves, the target and the place', async () => {
    client.answers.set(OPS.moveCaller, () => ({ position: 1 }));
    expect(await moveCaller({ callsign: 'K1ABC', from: 'default', to: 'run-2', place: 1 })).toEqual({
      ok: true,
      result: 1,
    });
    expect(client.requests.at(-1)).toEqual({
      operation: OPS.moveCaller,
      data: { callsign: 'K1ABC', from_position_id: 'default', to_position_id: 'run-2', place: 1 },
    });
    client.answers.set(OPS.moveCaller, () => {
      throw new RequestFailure('QUEUE_FULL', 'Queue of run-2 is full. Maximum queue size is 1');
    });
    const full = await moveCaller({ callsign: 'K1ABC', from: 'default', to: 'run-2' });
    expect(full.ok ? '' : full.text).toMatch(/^The queue of "Run 2" is full/);
  });

  it('the caller rules saved are the ones kept', async () => {
    client.answers.set(OPS.setCallerRules, (data) => ({ caller_rules: data }));
    await setCallerRules({ allow_dupes: true, max_queues_per_caller: 2 });
    expect(useConsole.getState().callerRules).toEqual({ allow_dupes: true, max_queues_per_caller: 2 });
  });

  it('sends nothing while the server cannot be reached', async () => {
    useConsole.setState({ connection: 'reconnecting' });
    const before = client.requests.length;
    expect(await createPosition({ name: 'Run 3', active: true })).toMatchObject({
      ok: false,
      text: 'Not done: server unreachable.',
    });
    expect(client.requests.length).toBe(before);
  });

  it('offers the move dialog only when there is another position', () => {
    askMoveCaller('K1ABC');
    expect(useConsole.getState().dialog).toEqual({ kind: 'moveCaller', callsign: 'K1ABC', from: 'default' });
    useConsole.setState({ dialog: null });
    useConsole.setState({ camp: campOf(entry('default', 'Main')) });
    askMoveCaller('K1ABC');
    expect(useConsole.getState().dialog).toBeNull();
  });

  it('moves from the queue of the position the console works', () => {
    useConsole.setState({ positionChoice: 'run-2' });
    askMoveCaller('K1ABC');
    expect(useConsole.getState().dialog).toEqual({ kind: 'moveCaller', callsign: 'K1ABC', from: 'run-2' });
  });
});
