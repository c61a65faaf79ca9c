/** "How was it?": 1–5 stars for one meal or session, sent to `POST /feedback` (feedback for fine-tuning). */
import { useState } from 'react';

export function Rating({
  label,
  value,
  onRate,
}: {
  label: string;
  value: number | undefined;
  onRate: (rating: number) => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <fieldset className="rating" disabled={busy}>
      <legend className="muted">{value ? 'Your rating' : 'How was it?'}</legend>
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          className={value !== undefined && n <= value ? 'star on' : 'star'}
          aria-label={`Rate ${label} ${n} of 5`}
          aria-pressed={value === n}
          onClick={async () => {
            setBusy(true);
            setFailed(false);
            try {
              await onRate(n);
            } catch {
              setFailed(true);
            } finally {
              setBusy(false);
            }
          }}
        >
          {value !== undefined && n <= value ? '★' : '☆'}
        </button>
      ))}
      {failed && <small className="error">not saved</small>}
    </fieldset>
  );
}
