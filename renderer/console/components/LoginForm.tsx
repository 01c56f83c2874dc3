import { useState, type FormEvent } from 'react';
import { useConsole } from '../store.js';
import { login } from '../session.js';

/** Login for a second operator using the console from a browser on the LAN. */
export function LoginForm() {
  const session = useConsole((s) => s.session);
  const error = useConsole((s) => s.loginError);
  const connection = useConsole((s) => s.connection);
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const busy = session === 'authenticating';

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void login(username.trim(), password).then(() => setPassword(''));
  };

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} aria-describedby={error ? 'login-error' : undefined}>
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Pileup Buster</span>
        </div>
        <h1>Operator console</h1>
        <div className="field">
          <label htmlFor="login-username">Username</label>
          <input
            id="login-username"
            className="input"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
            autoComplete="username"
            required
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">Password</label>
          <input
            id="login-password"
            className="input"
            type="password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            autoComplete="current-password"
            autoFocus
            required
          />
        </div>
        {error && (
          <p id="login-error" className="notice notice-danger" role="alert">
            {error}
          </p>
        )}
        {connection !== 'open' && <p className="muted">Connecting to the server…</p>}
        <button type="submit" className="btn btn-primary btn-big" disabled={busy || !password}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </main>
  );
}
