/** The sample ground network shipped with Skylane (real sites, published coordinates; see README.md). */
import network from './sample-network.json' with { type: 'json' };
import type { GroundStationSpec } from '../station.ts';

/** Specs of the 21 sample stations (Kiruna, SvalSat, Troll, Wallops, McMurdo, Hartebeesthoek, ...). */
export const SAMPLE_GROUND_NETWORK: readonly GroundStationSpec[] = network.stations;
