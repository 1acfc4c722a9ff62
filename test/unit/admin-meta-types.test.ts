import { describe, expectTypeOf, it } from 'vitest';
import type { EntityMeta, FieldMeta, UserMeta } from '../../admin/src/meta/types.ts';
import type { UiMeta, UserUiEntity, UserUiField } from '../../generators/ui/ui-meta.ts';

/** What the server sends (server/meta/meta-routes.ts): the per-user UI model plus `user` and `audit`. */
type ServerMeta = Omit<UiMeta, 'entities'> & {
  entities: UserUiEntity[];
  user: { id: number; username: string; display_name: string | null; roles: string[] };
  audit: { read: boolean };
};

// admin/ writes the `_meta` contract out instead of importing it (it shares no code with the server);
// these checks run in the type check (`tsc -p admin`) and fail when either side changes alone.
describe("the admin's _meta types are the server's", () => {
  it('field, entity and document agree both ways', () => {
    // Each assignable to the other: what the server sends the admin can read, and nothing it expects is missing.
    expectTypeOf<FieldMeta>().toExtend<UserUiField>();
    expectTypeOf<UserUiField>().toExtend<FieldMeta>();
    expectTypeOf<EntityMeta>().toExtend<UserUiEntity>();
    expectTypeOf<UserUiEntity>().toExtend<EntityMeta>();
    expectTypeOf<UserMeta>().toExtend<ServerMeta>();
    expectTypeOf<ServerMeta>().toExtend<UserMeta>();
  });
});
