import type { Config } from './config.js';
import type { Directory } from './directory/directory.js';

/** What the HTTP surfaces are given: the configuration, the domain, and how to name this server. */
export interface Services {
  config: Config;
  directory: Directory;
  /** The public base URL; a function because with port 0 it is known only after listen. */
  publicUrl: () => string;
}
