import { fileURLToPath } from 'node:url';
import { fromZod } from '@sua-sandbox/rules/engine';
import { RouteNetwork, TrafficParams } from '@sua-sandbox/rules/traffic';
import { invalidDataFile, readDataFile } from './data-file.js';

/** Built-in traffic-management data: rules/data/traffic (trial parameters, routes and vertiports). */
export const TRAFFIC_DIR = fileURLToPath(new URL('../../../rules/data/traffic/', import.meta.url));

/** Load traffic parameters; a DataFileError names the file, line and field of each problem. */
export function loadTrafficParams(file = `${TRAFFIC_DIR}params.yaml`): TrafficParams {
  const f = readDataFile(file);
  const r = TrafficParams.safeParse(f.data);
  if (r.success) return r.data;
  throw invalidDataFile(f, fromZod(r.error));
}

/** Load the air-route network and vertiports; a DataFileError names the file, line and field. */
export function loadRouteNetwork(file = `${TRAFFIC_DIR}routes.yaml`): RouteNetwork {
  const f = readDataFile(file);
  const r = RouteNetwork.safeParse(f.data);
  if (r.success) return r.data;
  throw invalidDataFile(f, fromZod(r.error));
}
