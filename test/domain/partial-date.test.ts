import t from 'tap';
import { firstDay, lastDay, partialDateError, precisionOf } from '../../src/domain/partial-date.js';

t.test('partial dates keep their precision', async (t) => {
  t.equal(precisionOf('1950'), 'year');
  t.equal(precisionOf('1950-06'), 'month');
  t.equal(precisionOf('2023-07-25'), 'day');
});

t.test('a partial date spans from its first to its last day', async (t) => {
  t.equal(firstDay('1950'), '1950-01-01');
  t.equal(lastDay('1953'), '1953-12-31');
  t.equal(firstDay('1950-06'), '1950-06-01');
  t.equal(lastDay('2024-02'), '2024-02-29', 'leap February');
  t.equal(lastDay('2023-02'), '2023-02-28');
  t.equal(firstDay('2023-07-25'), '2023-07-25');
  t.equal(lastDay('2023-07-25'), '2023-07-25');
});

t.test('impossible and malformed dates are refused with a reason', async (t) => {
  t.equal(partialDateError('2023-07-25'), null);
  t.equal(partialDateError('2024-02-29'), null);
  t.match(partialDateError('2023-02-29'), /not a day of the calendar/);
  t.match(partialDateError('2023-02-30'), /not a day of the calendar/);
  t.match(partialDateError('2023-13'), /month 13 does not exist/);
  t.match(partialDateError('2023-00'), /month 00 does not exist/);
  t.match(partialDateError('23-07-25'), /YYYY/);
  t.match(partialDateError('2023/07/25'), /YYYY/);
  t.match(partialDateError('2023-7'), /YYYY/);
});
