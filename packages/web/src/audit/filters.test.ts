import { describe, expect, it } from 'vitest';
import { query } from '../api.js';
import { entriesQuery, NEWEST, NO_FILTERS, PAGE_SIZE } from './filters.js';

describe("the audit browser's filters", () => {
  it('asks for the newest page with no filter at all', () => {
    expect(query(entriesQuery(NO_FILTERS, NEWEST))).toBe(`?before=${NEWEST}&limit=${PAGE_SIZE}`);
  });

  it("sends times typed on Tehran's clock as UTC instants, and digits typed in Persian as ASCII", () => {
    const q = entriesQuery(
      {
        ...NO_FILTERS,
        action: ' Access.Login ',
        outcome: 'refused',
        actorKind: 'staff',
        actorId: 'sup-۰۱',
        objectType: 'branch',
        objectId: 'b-۰۰۰۱',
        from: '2024-05-10T08:00',
        to: '2024-05-10T22:00',
      },
      120,
    );
    expect(q).toEqual({
      action: 'access.login',
      outcome: 'refused',
      actorKind: 'staff',
      actorId: 'sup-01',
      objectType: 'branch',
      objectId: 'b-0001',
      from: '2024-05-10T04:30:00.000Z',
      to: '2024-05-10T18:30:00.000Z',
      before: 120,
      limit: PAGE_SIZE,
    });
  });

  it('leaves out a time that is not one rather than sending it', () => {
    expect(entriesQuery({ ...NO_FILTERS, from: 'soon' }, NEWEST)['from']).toBeUndefined();
  });
});
