/**
 * The page: sign in, then three tabs — the week's plan, the profile, progress. The plan tab is
 * the default once a profile exists.
 */
import { type KeyboardEvent, useEffect, useState } from 'react';
import { AuthCard } from './AuthCard';
import { ApiError, api, onSessionEnd, signedInAs, signOut } from './api';
import { PlanTab } from './PlanTab';
import { type ProfileDoc, ProfileForm } from './ProfileForm';
import { ProgressTab } from './ProgressTab';

type Tab = 'plan' | 'profile' | 'progress';
const TABS: readonly { id: Tab; label: string }[] = [
  { id: 'plan', label: 'Week plan' },
  { id: 'profile', label: 'Profile' },
  { id: 'progress', label: 'Progress' },
];

export function App() {
  const [email, setEmail] = useState<string | null>(signedInAs());
  const [tab, setTab] = useState<Tab>('plan');
  const [profile, setProfile] = useState<ProfileDoc | null | undefined>(undefined);

  // A refused refresh token (expired, revoked, or reused elsewhere) ends the session: sign in again.
  useEffect(() => onSessionEnd(() => setEmail(null)), []);

  useEffect(() => {
    if (!email) return;
    api<ProfileDoc>('GET', '/profile')
      .then((p) => setProfile(p))
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) setEmail(null);
        setProfile(null);
        setTab('profile');
      });
  }, [email]);

  /** ARIA tabs: the arrow keys, Home and End move between tabs. */
  function arrows(e: KeyboardEvent<HTMLDivElement>) {
    const i = TABS.findIndex((t) => t.id === tab);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % TABS.length
        : e.key === 'ArrowLeft'
          ? (i + TABS.length - 1) % TABS.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? TABS.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    setTab(TABS[next]!.id);
    document.getElementById(`tab-${TABS[next]!.id}`)?.focus();
  }

  if (!email) return <AuthCard onSignedIn={(e) => setEmail(e)} />;

  return (
    <div className="shell">
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            N
          </span>
          NexFitra
        </div>
        <div className="who">
          <span className="muted email">{email}</span>
          <button
            type="button"
            className="ghost small"
            onClick={() => {
              void signOut();
              setEmail(null);
              setProfile(undefined);
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <div className="tabs" role="tablist" aria-label="Sections" onKeyDown={arrows}>
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            tabIndex={tab === t.id ? 0 : -1}
            aria-controls={`panel-${t.id}`}
            className={tab === t.id ? 'tab active' : 'tab'}
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <main>
        <section id="panel-plan" role="tabpanel" aria-labelledby="tab-plan" hidden={tab !== 'plan'}>
          <PlanTab hasProfile={!!profile} onNeedProfile={() => setTab('profile')} />
        </section>
        <section id="panel-profile" role="tabpanel" aria-labelledby="tab-profile" hidden={tab !== 'profile'}>
          {profile !== undefined && (
            <ProfileForm
              initial={profile}
              onSaved={(p) => {
                setProfile(p);
              }}
              onPlan={() => setTab('plan')}
            />
          )}
        </section>
        <section
          id="panel-progress"
          role="tabpanel"
          aria-labelledby="tab-progress"
          hidden={tab !== 'progress'}
        >
          {tab === 'progress' && <ProgressTab />}
        </section>
      </main>
    </div>
  );
}
