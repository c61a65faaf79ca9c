/** One training session: exercises with sets × reps, load target, rest and the progression rule. */
import type { SessionView } from './api';
import { Rating } from './Rating';

export function SessionCard({
  session,
  busy,
  onSwap,
  rating,
  onRate,
}: {
  session: SessionView;
  busy: boolean;
  onSwap: (() => void) | undefined;
  rating?: number | undefined;
  onRate?: ((rating: number) => Promise<void>) | undefined;
}) {
  return (
    <article className="card session" aria-label={`${session.name}, day ${session.day + 1}`}>
      <header>
        <h3>{session.name}</h3>
        <span className="muted">Day {session.day + 1}</span>
        {onSwap && (
          <button
            type="button"
            className="ghost small"
            aria-label={`Swap session ${session.name}`}
            disabled={busy}
            onClick={onSwap}
          >
            {busy ? 'Swapping…' : '↻ Swap'}
          </button>
        )}
      </header>
      <ol className="exercises">
        {session.exercises.map((x) => (
          <li key={x.exerciseId}>
            <span className="ex-name">{x.name}</span>
            {x.sets.map((s) => (
              <span key={s} className="sets">
                {s}
              </span>
            ))}
            {x.progression && <span className="progression">{x.progression}</span>}
          </li>
        ))}
      </ol>
      {onRate && <Rating label={`session ${session.name}`} value={rating} onRate={onRate} />}
    </article>
  );
}
