import { describe, expectTypeOf, it } from 'vitest';
import type { LotTrace as AdminLotTrace } from '../../admin/src/trace/useLotTrace.ts';
import type { RecordActions as AdminRecordActions } from '../../admin/src/resources/useRecordActions.ts';
import type { LotTrace } from '../../server/operations/trace-lot.ts';
import type { RecordActions } from '../../server/operations/record-actions.ts';

// admin/ writes the answers of the trace and per-record actions routes out instead of importing them (it
// shares no code with the server); checked in `tsc -p admin`, failing when either side changes alone.
describe("the admin's trace and record-actions types are the server's", () => {
  it('agree both ways', () => {
    expectTypeOf<AdminLotTrace>().toExtend<LotTrace>();
    // The lot is a record as GET answers it: the server types it loosely, the admin relies on its id.
    expectTypeOf<Omit<LotTrace, 'lot'>>().toExtend<Omit<AdminLotTrace, 'lot'>>();
    expectTypeOf<AdminRecordActions>().toExtend<RecordActions>();
    expectTypeOf<RecordActions>().toExtend<AdminRecordActions>();
  });
});
