// What the renderer holds: the contract's OrchestratorApi plus the connection state a transport can report.
import type { OrchestratorApi } from '../../shared/ipc.js';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface RendererClient extends OrchestratorApi {
  /** The desktop app's close prompt asking to save (Electron only): `save` resolves true once the workflow is written. */
  onSaveRequest?(save: () => Promise<boolean>): () => void;
  /** Tells the listener each time the connection changes; 'open' after a drop means state must be fetched again. */
  onConnection(listener: (state: ConnectionState) => void): () => void;
  readonly connection: ConnectionState;
}
