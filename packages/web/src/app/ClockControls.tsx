/** Clock controls of the globe: play/pause, speed, jump to a UTC time, back to the service's now. */
import { useState } from 'react';
import type { GlobeController } from '../globe/Globe.tsx';
import { formatUtc, fromDateTimeLocal, toDateTimeLocal } from './format.ts';

const SPEEDS = [1, 10, 60, 300, 1800, 3600];

export function ClockControls({ controller, clock, serverNowMs }: { controller: GlobeController | null; clock: { timeMs: number; playing: boolean; speed: number }; serverNowMs: () => number }) {
  const [jump, setJump] = useState('');
  const disabled = controller === null;
  return (
    <div className="clock" role="group" aria-label="Simulation clock">
      <span className="clock-time" data-testid="clock-time" aria-live="off">
        {formatUtc(clock.timeMs)}
      </span>
      <button type="button" disabled={disabled} onClick={() => controller?.setPlaying(!clock.playing)} aria-label={clock.playing ? 'Pause' : 'Play'}>
        {clock.playing ? '❚❚' : '▶'}
      </button>
      <label>
        <span className="sr-only">Speed</span>
        <select disabled={disabled} value={clock.speed} onChange={(e) => controller?.setSpeed(Number(e.target.value))} aria-label="Clock speed">
          {[...new Set([...SPEEDS, clock.speed])].sort((a, b) => a - b).map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const ms = fromDateTimeLocal(jump);
          if (Number.isFinite(ms)) controller?.setTime(ms);
        }}
      >
        <input type="datetime-local" step="1" aria-label="Jump to UTC time" value={jump || toDateTimeLocal(clock.timeMs)} onChange={(e) => setJump(e.target.value)} />
        <button type="submit" disabled={disabled}>
          Go
        </button>
      </form>
      <button type="button" disabled={disabled} onClick={() => controller?.setTime(serverNowMs())}>
        Now
      </button>
    </div>
  );
}
