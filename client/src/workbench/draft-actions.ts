import { t } from '../i18n/index.js';
import { toast } from '../ui/toast.js';
import * as api from './api.js';
import type { DraftListActions } from './drafts.js';
import type { WorkbenchState } from './state.js';

/** What the drafts list needs from the workbench: its busy wrapper, the open draft, and a way to reload the list. */
export interface DraftHost {
  withBusy(work: () => Promise<void>): Promise<void>;
  current(): WorkbenchState;
  open(d: api.DraftSummary): void;
  reload(): Promise<void>;
}

/** Open, rename, duplicate and delete through the drafts API; the open draft follows a rename or a delete. */
export function draftActions(host: DraftHost): DraftListActions {
  return {
    open: (d) => host.open(d),
    rename: (d, title) =>
      void host.withBusy(async () => {
        await api.renameDraft(d.id, title);
        const s = host.current();
        if (s.savedId === d.id) s.title = title;
        await host.reload();
      }),
    duplicate: (d) =>
      void host.withBusy(async () => {
        await api.duplicateDraft(d.id, t('wb.copyOf', { title: d.title }));
        await host.reload();
        toast(t('wb.duplicated'));
      }),
    remove: (d) =>
      void host.withBusy(async () => {
        await api.deleteDraft(d.id);
        const s = host.current();
        // the open draft was deleted: its edits stay on screen, unsaved, and a save stores them anew
        if (s.savedId === d.id) {
          s.savedId = undefined;
          s.dirty = true;
        }
        await host.reload();
        toast(t('wb.deleted', { title: d.title }));
      }),
  };
}
