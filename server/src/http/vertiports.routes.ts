import { Instant } from '@sua-sandbox/rules/model';
import { z } from 'zod';
import type { Services } from '../services/index.js';
import { TrafficFindingOut } from './intents.routes.js';
import { defineRoute, type MountableRoute } from './route.js';
import { ErrorBody, IdParams, pickErrors } from './schemas.js';

const SlotOut = z
  .object({
    vertiportId: z.string(),
    index: z.number().int().describe('slot k runs [k·slotLength, (k+1)·slotLength) from the epoch'),
    intentId: z.string(),
    movement: z.enum(['arrival', 'departure']),
    startAt: z.string(),
    endAt: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'VertiportSlot' });

const SlotRequest = z
  .object({
    intentId: z.string().min(1).max(200).describe('a live operational intent'),
    movement: z.enum(['arrival', 'departure']),
    at: Instant.describe('when the aircraft uses the pad'),
  })
  .strict()
  .meta({ id: 'VertiportSlotRequest' });

const SlotRefusal = z
  .object({
    message: z.string(),
    finding: TrafficFindingOut,
    nextFreeStart: z.string().nullable().describe('start of the next free slot; null: none in the search window'),
  })
  .meta({ id: 'VertiportSlotRefusal' });

/** Vertiport slots (issue 16): allocate, list. */
export function vertiportRoutes(s: Services): MountableRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/api/vertiports/:id/slots',
      operationId: 'allocateVertiportSlot',
      summary: 'Allocate the slot containing `at` at a vertiport to a live operational intent',
      description: 'A full or closed slot is a 409 naming the next free slot, with its finding.',
      tags: ['traffic'],
      request: { params: IdParams, body: SlotRequest },
      responses: {
        201: { description: 'allocated', schema: SlotOut },
        200: { description: 'the intent already held it', schema: SlotOut },
        409: {
          description: 'slot clash or closed (or the intent is not live)',
          schema: z.union([SlotRefusal, ErrorBody]),
        },
        ...pickErrors(400, 404, 413, 415),
      },
      handler: async ({ params, body, ctx }, res) => {
        const out = await s.vertiports.allocate(params.id, body, ctx);
        if (!out.ok) {
          res.status(409);
          return { message: out.message, finding: out.finding, nextFreeStart: out.nextFreeStart };
        }
        res.status(out.created ? 201 : 200);
        return out.slot;
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/vertiports/:id/slots',
      operationId: 'listVertiportSlots',
      summary: 'The slots held at a vertiport, in time order',
      tags: ['traffic'],
      request: { params: IdParams },
      responses: { 200: { description: 'slots', schema: z.array(SlotOut) }, ...pickErrors(404) },
      handler: ({ params }) => s.vertiports.list(params.id),
    }),
  ];
}
