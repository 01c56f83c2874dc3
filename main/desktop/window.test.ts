import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, mainWindowOptions } from './window.js';
import { isExternalAllowed, isSameOrigin, localServerUrl } from './url-policy.js';

describe('BrowserWindow options', () => {
  it('have exactly the security settings of a hardened Electron app', () => {
    const options = mainWindowOptions('/app/preload.cjs', '/app/icon.png');
    expect(options.webPreferences).toEqual({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
    expect(options.show).toBe(false);
    expect(options.icon).toBe('/app/icon.png');
  });

  it('has a strict Content-Security-Policy: no inline or foreign scripts, no plugins, no framing', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((part) => {
        const [name, ...values] = part.trim().split(/\s+/);
        return [name!, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });
});

describe('URL policy', () => {
  it('allows only http(s) URLs to be opened externally', () => {
    expect(isExternalAllowed('https://www.qrz.com/db/EI6JGB')).toBe(true);
    expect(isExternalAllowed('http://192.168.1.5:8000/')).toBe(true);
    expect(isExternalAllowed('file:///etc/passwd')).toBe(false);
    expect(isExternalAllowed('smb://host/share')).toBe(false);
    expect(isExternalAllowed('not a url')).toBe(false);
  });

  it('compares origins, not prefixes', () => {
    expect(isSameOrigin('http://127.0.0.1:8000/console/', 'http://127.0.0.1:8000')).toBe(true);
    expect(isSameOrigin('http://127.0.0.1:8000.evil.example/', 'http://127.0.0.1:8000')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:8001/', 'http://127.0.0.1:8000')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:8000/', '')).toBe(false);
  });

  it('reaches a wildcard-bound server through loopback', () => {
    expect(localServerUrl(8000, '0.0.0.0')).toBe('http://127.0.0.1:8000');
    expect(localServerUrl(8000, '::')).toBe('http://127.0.0.1:8000');
    expect(localServerUrl(8000, '192.168.1.5')).toBe('http://192.168.1.5:8000');
    expect(localServerUrl(8000, '::1')).toBe('http://[::1]:8000');
  });
});
