import { buildZoneIndex, seaLevel } from '../airspace/index.js';
import { groundModelFor } from '../airspace/terrain-grid.js';
import type { ElevationModel, ZoneIndex } from '../airspace/types.js';
import type { Assumption, Rulebook } from '../model/index.js';
import { assumption } from './messages.js';

/** The rulebook parameter naming what AGL heights are measured from ("terrain" or "surface"). */
export const GROUND_REFERENCE_PARAM = 'groundReference';

/** Catalogue indexes rebuilt over another ground model, per index, model and zone list. */
const regrounded = new WeakMap<ZoneIndex, Map<ElevationModel, { zones: ZoneIndex['zones']; index: ZoneIndex }>>();

/**
 * The catalogue index over the ground the rulebook asks for (`groundReference`): the index itself when it
 * already uses that model (or the rulebook says nothing), else a copy built once over the alternate model
 * (AGL-limited zones are judged over the same ground as the height rules). A reference that cannot be honoured
 * leaves the index as it is, with a note for the report (none over sea level, which is its own assumption).
 */
export function groundedAirspace(primary: ZoneIndex, rulebook: Rulebook): { index: ZoneIndex; notes: Assumption[] } {
  const reference = rulebook.parameters[GROUND_REFERENCE_PARAM]?.value;
  const model = groundModelFor(primary.elevation, reference);
  if (model === primary.elevation) return { index: primary, notes: [] };
  // Sea level was chosen on purpose (tests, --ground sea-level): its own assumption already says AGL = AMSL.
  if (model === null && primary.elevation === seaLevel) return { index: primary, notes: [] };
  if (model === null)
    return {
      index: primary,
      notes: [
        assumption('assumption.ground-reference-missing', {
          reference: String(reference),
          model: primary.elevation.id,
        }),
      ],
    };
  let byModel = regrounded.get(primary);
  if (!byModel) {
    byModel = new Map();
    regrounded.set(primary, byModel);
  }
  let entry = byModel.get(model);
  // A live index can gain zones: rebuild when its zone list changes.
  if (!entry || entry.zones !== primary.zones) {
    entry = {
      zones: primary.zones,
      index: buildZoneIndex(primary.zones, { elevation: model, version: primary.version }),
    };
    byModel.set(model, entry);
  }
  return { index: entry.index, notes: [] };
}
