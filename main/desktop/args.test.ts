import { describe, expect, it } from 'vitest';
import { desktopServerArgs, serverArgs } from './args.js';

describe('serverArgs', () => {
  it('keeps the server options and drops the executable, the app path and Chromium switches', () => {
    expect(
      serverArgs([
        '/opt/Pileup Buster/pileup-buster',
        '.',
        '--no-sandbox',
        '--port',
        '8001',
        '--host=127.0.0.1',
        '--enable-logging',
      ]),
    ).toEqual(['--port', '8001', '--host=127.0.0.1']);
  });

  it('ignores an option without a value', () => {
    expect(serverArgs(['--port', '--no-sandbox'])).toEqual([]);
  });
});

describe('desktopServerArgs', () => {
  it('puts the data in userData by default', () => {
    expect(desktopServerArgs(['app', '--port', '9000'], {}, '/home/op/.config/Pileup Buster')).toEqual([
      '--data-dir',
      '/home/op/.config/Pileup Buster',
      '--port',
      '9000',
    ]);
  });

  it('leaves the data dir to --data-dir or DATA_DIR when given', () => {
    expect(desktopServerArgs(['app', '--data-dir', '/srv/pb'], {}, '/u')).toEqual(['--data-dir', '/srv/pb']);
    expect(desktopServerArgs(['app'], { DATA_DIR: '/srv/pb' }, '/u')).toEqual([]);
  });
});
