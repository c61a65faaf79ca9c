-- Feedback on plans (ratings of a meal or a session; a swap is a dislike) and the admin role.

-- `admin` may export every user's feedback; it is given by `npm run admin`, never at sign-up.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('user', 'coach', 'admin'));

-- One row per judgement of one part of one stored plan: a meal (`day`, `meal`, 0-based) or a
-- session (`week`, `session`). `source = 'rating'`: the person's 1–5 score (a later rating of the
-- same part replaces it); `source = 'swap'`: they asked to replace that part, kept as rating 1.
CREATE TABLE feedback (
  id BIGSERIAL PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  plan_id BIGINT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('meal', 'session')),
  day INTEGER CHECK (day >= 0),
  meal INTEGER CHECK (meal >= 0),
  week INTEGER CHECK (week >= 0),
  session INTEGER CHECK (session >= 0),
  source TEXT NOT NULL CHECK (source IN ('rating', 'swap')),
  rating SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
  comment TEXT CHECK (char_length(comment) <= 1000),
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CHECK (
    (kind = 'meal' AND day IS NOT NULL AND meal IS NOT NULL AND week IS NULL AND session IS NULL)
    OR (kind = 'session' AND week IS NOT NULL AND session IS NOT NULL AND day IS NULL AND meal IS NULL)
  ),
  CHECK (source = 'rating' OR comment IS NULL)
);
CREATE UNIQUE INDEX feedback_one_rating
  ON feedback (plan_id, kind, (COALESCE(day, week)), (COALESCE(meal, session)))
  WHERE source = 'rating';
CREATE INDEX feedback_plan ON feedback (plan_id);
CREATE INDEX coach_grants_coach ON coach_grants (coach_id);
