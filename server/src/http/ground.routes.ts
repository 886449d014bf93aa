import { type ElevationModel, isGridModel } from '@sua-sandbox/rules/airspace';
import { operations } from '@sua-sandbox/rules/api';
import type { Services } from '../services/index.js';
import { defineRoute, type MountableRoute } from './route.js';

/** What the answer says of the model: a caption for the client ("Lands Department DTM, 70 m"). */
function modelInfo(model: ElevationModel) {
  if (!isGridModel(model)) return { id: model.id, title: model.description, terrain: false };
  const { title, resolutionM, verticalAccuracyM } = model.header;
  return { id: model.id, title, terrain: true, resolutionM, verticalAccuracyM };
}

/** `POST /api/ground`: ground heights from the elevation model the checks use. Read-only. */
export function groundRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      ...operations.groundHeights,
      handler: ({ body }) => {
        const model = s.airspace.index().elevation;
        const groundM = body.points.map(([lon, lat]) => Math.round(model.groundM(lon, lat) * 10) / 10);
        return { model: modelInfo(model), groundM };
      },
    }),
  ];
}
