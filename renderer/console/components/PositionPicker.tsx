import { useConsole } from '../store.js';
import { choosePosition } from '../session.js';
import { ALL_POSITIONS, positionLabel } from '../position-choice.js';
import { focusConsole } from '../hooks.js';
import { isMultiPosition } from '../working-position.js';

/**
 * The top bar's position picker: every operating position by name (with band and mode), and "All positions".
 * Shown once more than the default position exists; with the default position alone the console is as before.
 */
export function PositionPicker() {
  const positions = useConsole((s) => s.camp.positions);
  const choice = useConsole((s) => s.positionChoice);
  const multi = useConsole(isMultiPosition);
  if (!multi) return null;
  const known = choice === ALL_POSITIONS || positions.some((p) => p.id === choice);
  return (
    <div className="position-picker">
      <label htmlFor="position-picker">Position</label>
      <select
        id="position-picker"
        className="input"
        value={known ? choice : (positions[0]?.id ?? '')}
        onChange={(event) => {
          void choosePosition(event.target.value);
          focusConsole();
        }}
        data-testid="position-picker"
        title={
          choice === ALL_POSITIONS
            ? 'All positions'
            : positionLabel(positions.find((p) => p.id === choice) ?? positions[0]!)
        }
      >
        {positions.map((p) => (
          <option key={p.id} value={p.id}>
            {positionLabel(p)}
          </option>
        ))}
        <option value={ALL_POSITIONS}>All positions</option>
      </select>
    </div>
  );
}
