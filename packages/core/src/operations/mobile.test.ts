import { expect, it } from 'vitest';
import { currentItineraryStop, itineraryInstant, itineraryStatus } from './mobile.js';

const stops = [
  { id: 's1', arrive: '08:30', depart: '12:00' },
  { id: 's2', arrive: '13:00', depart: '17:30' },
  { id: 's3', arrive: '17:40', depart: '18:00' },
];
const at = (clock: string) => itineraryInstant('2024-05-10', clock, 'Asia/Tehran');

it('reads civil times in the election time zone (Tehran, UTC+03:30)', () => {
  expect(new Date(at('08:30')).toISOString()).toBe('2024-05-10T05:00:00.000Z');
  expect(new Date(itineraryInstant('2024-07-01', '12:00', 'Europe/London')).toISOString()).toBe(
    '2024-07-01T11:00:00.000Z',
  );
});

it('tells where a mobile branch is, which stop is late and which was skipped', () => {
  const none = itineraryStatus(stops, [], '2024-05-10', 'Asia/Tehran', at('08:45'));
  expect(none.map((v) => v.status)).toEqual(['pending', 'pending', 'pending']);
  const late = itineraryStatus(stops, [], '2024-05-10', 'Asia/Tehran', at('08:46'));
  expect(late[0]).toMatchObject({ status: 'late', lateMinutes: 16 });
  const records = [
    { stopId: 's1', arrivedAt: at('08:40'), departedAt: at('12:05') },
    { stopId: 's3', arrivedAt: at('17:45'), departedAt: null },
  ];
  const views = itineraryStatus(stops, records, '2024-05-10', 'Asia/Tehran', at('17:50'));
  expect(views.map((v) => v.status)).toEqual(['done', 'skipped', 'here']);
  expect(currentItineraryStop(views)?.stopId).toBe('s3');
});
