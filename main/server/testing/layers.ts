/**
 * The layers of main/server, by folder (`name/`) or top-level file (`name.ts`): what architecture.test.ts holds
 * the imports to, and what docs/architecture.md ("Layers") lists (architecture-doc.test.ts compares the two).
 */
export const LAYERS = {
  /** The composition root: the only modules that know both the core and the subsystems. */
  root: ['compose.ts', 'operation-types.ts'],
  /** The core: the Station and its store, the operations table, the transports, and the server around them. */
  core: [
    'domain/',
    'store/',
    'operations/',
    'transports/',
    'app.ts',
    'attachment.ts',
    'services.ts',
    'config.ts',
    'version.ts',
  ],
  /** Subsystems: built by the root, handing their operations and services to the core. */
  subsystem: ['lookup/', 'integrations/', 'metrics/', 'relay/'],
  /** Helpers below the core, used by everything above. */
  support: ['util/', 'security/'],
  /** Test helpers and fault tests: may import anything; nothing else imports them. */
  testing: ['testing/', 'faults/'],
} as const;
export type Layer = keyof typeof LAYERS;
