// What the header shows: the running app (version, workspace, mode) and the doctor's report
// (training backend, workspace health), plus whether the live event stream is connected.
import type { AppInfo, DoctorReport } from '../../../../main/common/dto';
import { api, type StudioClient } from '../api';
import { Resource } from './resource.svelte';

export class AppState {
  readonly #client: StudioClient;
  readonly info = new Resource<AppInfo>(() => this.#client.call('app.info', {}));
  readonly doctor = new Resource<DoctorReport>(() => this.#client.call('doctor.run', {}));
  /** False while the loopback event stream is down (serve mode); the header says so. */
  connected = $state(true);

  /** The backend training will use: the doctor's pick when known, else the last one recorded. */
  backend = $derived(this.doctor.data?.selected_backend ?? this.info.data?.backend ?? null);

  #unsubscribe: (() => void) | null = null;

  constructor(client: StudioClient) {
    this.#client = client;
  }

  /** First load: app info at once, the (slower) doctor report beside it. */
  start(): void {
    this.#unsubscribe ??= this.#client.onConnection((connected) => {
      this.connected = connected;
    });
    void this.info.load();
    void this.doctor.load();
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }
}

export const app = new AppState(api);
