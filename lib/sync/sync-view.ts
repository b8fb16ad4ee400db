import type { SyncStatus } from './sync-runner';
import type { Role } from './wire';

/** What the options page may know about team sync: never a token. */
export interface SyncView {
  enabled: boolean;
  /** Evidence content (screenshots, long text) syncs as blobs too. */
  evidenceContent: boolean;
  serverUrl: string | null;
  signedIn: boolean;
  user: { email: string; displayName: string; role: Role } | null;
  team: { name: string } | null;
  status: SyncStatus;
}

export interface SyncConnectRequest {
  serverUrl: string;
  email: string;
  password: string;
  /** `login` an existing account, `signup` with an invite, or `create-team` on a fresh server. */
  mode: 'login' | 'signup' | 'create-team';
  inviteCode?: string;
  displayName?: string;
  teamName?: string;
}
