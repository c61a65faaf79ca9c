/** Sign in or create an account (email and a password of at least 10 characters). */
import { type FormEvent, useState } from 'react';
import { ApiError, signIn } from './api';

export function AuthCard({ onSignedIn }: { onSignedIn: (email: string) => void }) {
  const [mode, setMode] = useState<'login' | 'signup'>('login');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(mode, email.trim(), password);
      onSignedIn(email.trim());
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'NETWORK', 'the server did not answer'));
    } finally {
      setBusy(false);
    }
  }
  const fieldError = (name: string) => error?.fields.find((f) => f.path === name)?.allowed;

  return (
    <main className="auth">
      <div className="hero">
        <span className="logo big" aria-hidden="true">
          N
        </span>
        <h1>NexFitra</h1>
        <p className="muted">Meals and training for your week, planned around you.</p>
      </div>
      <form className="card" onSubmit={submit} noValidate>
        <h2>{mode === 'login' ? 'Sign in' : 'Create your account'}</h2>
        <label className="field">
          <span>Email</span>
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={!!fieldError('email')}
          />
          {fieldError('email') && <small className="error">{fieldError('email')}</small>}
        </label>
        <label className="field">
          <span>Password</span>
          <input
            name="password"
            type="password"
            autoComplete={mode === 'login' ? 'current-password' : 'new-password'}
            required
            minLength={10}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={!!fieldError('password')}
          />
          {mode === 'signup' && !fieldError('password') && (
            <small className="muted">At least 10 characters.</small>
          )}
          {fieldError('password') && <small className="error">{fieldError('password')}</small>}
        </label>
        {error && error.fields.length === 0 && (
          <p className="error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" className="primary wide" disabled={busy}>
          {busy ? 'One moment…' : mode === 'login' ? 'Sign in' : 'Create account'}
        </button>
        <p className="switch">
          {mode === 'login' ? 'New here?' : 'Have an account?'}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              setMode(mode === 'login' ? 'signup' : 'login');
              setError(null);
            }}
          >
            {mode === 'login' ? 'Create an account' : 'Sign in'}
          </button>
        </p>
      </form>
    </main>
  );
}
