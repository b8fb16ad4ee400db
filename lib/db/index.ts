import { FaultMavenDB } from './schema';

/** The one database of the extension. The service worker writes; pages read with live queries. */
export const db = new FaultMavenDB();

export { FaultMavenDB } from './schema';
export type * from './records';
