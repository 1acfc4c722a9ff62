// Types only: admin/ talks to the server over HTTP and shares nothing with it at run time.
import type { UiMeta, UserUiEntity, UserUiField } from '../../../generators/ui/ui-meta.ts';

export type EntityMeta = UserUiEntity;
export type FieldMeta = UserUiField;
export type LocalizedText = FieldMeta['label'];

/** `GET /api/_meta`: the model as the signed-in user may see and use it. */
export interface UserMeta extends Omit<UiMeta, 'entities'> {
  entities: EntityMeta[];
  user: { id: number; username: string; display_name: string | null; roles: string[] };
  audit: { read: boolean };
}

/** A menu group of the user's `_meta`, with the dashboard items they may count. */
export type DepartmentMeta = UserMeta['departments'][number];
/** One "next thing to act on": records of an entity matching a filter (relative days still unresolved). */
export type DashboardItemMeta = DepartmentMeta['dashboard'][number];
