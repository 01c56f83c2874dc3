/** A configuration value that cannot be used (command line, environment or config file): the message says which. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
