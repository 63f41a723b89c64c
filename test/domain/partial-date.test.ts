import t from 'tap';
import {
  dayRangeOf,
  firstDay,
  lastDay,
  partialDateError,
  precisionOf,
  qualifierOf,
  surelyOverlaps,
  weeksInYear,
} from '../../src/domain/partial-date.js';

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

t.test('ISO weeks run Monday to Sunday, in the ISO week-numbering year', async (t) => {
  t.equal(precisionOf('2023-W30'), 'week');
  t.equal(firstDay('2023-W30'), '2023-07-24', 'week 30 of 2023 starts on Monday 24 July');
  t.equal(lastDay('2023-W30'), '2023-07-30', 'and ends on Sunday 30 July');
  t.equal(firstDay('2023-W01'), '2023-01-02', '1 January 2023, a Sunday, is in 2022-W52');
  t.equal(firstDay('2020-W01'), '2019-12-30', 'week 1 may start in the year before');
  t.equal(lastDay('2020-W53'), '2021-01-03', 'and the last week may end in the year after');
  t.equal(weeksInYear(2020), 53, '2020 (a leap year starting on a Wednesday) has 53 weeks');
  t.equal(weeksInYear(2015), 53, '2015 (starting on a Thursday) has 53 weeks');
  t.equal(weeksInYear(2023), 52);
  t.equal(partialDateError('2020-W53'), null);
  t.match(partialDateError('2023-W53'), /2023 has no week 53 \(ISO weeks 01 to 52\)/);
  t.match(partialDateError('2023-W00'), /no week 00/);
  t.match(partialDateError('2023-W7'), /YYYY-Www/);
  t.match(partialDateError('2023-07-W30'), /YYYY-Www/);
});

t.test('EDTF qualifiers: approximate, uncertain, both', async (t) => {
  t.equal(qualifierOf('1950~'), 'approximate');
  t.equal(qualifierOf('1950?'), 'uncertain');
  t.equal(qualifierOf('1950%'), 'uncertain_approximate');
  t.equal(qualifierOf('1950'), null);
  t.equal(precisionOf('2023-07-25~'), 'day', 'a qualifier keeps the precision');
  t.equal(precisionOf('2023-W30?'), 'week');
  t.equal(partialDateError('2023-07-25%'), null);
  t.match(partialDateError('2023-07-25~?'), /YYYY/, 'one qualifier at most');
  t.match(partialDateError('~1950'), /YYYY/, 'after the date, not before');
  t.match(partialDateError('2023-02-30~'), /not a day of the calendar/);
});

t.test('a qualified date can mean one more unit of its precision on each side', async (t) => {
  t.equal(firstDay('1950~'), '1949-01-01');
  t.equal(lastDay('1950~'), '1951-12-31');
  t.equal(firstDay('2023-01?'), '2022-12-01', 'across a year');
  t.equal(lastDay('2023-12?'), '2024-01-31');
  t.equal(firstDay('2023-W30%'), '2023-07-17');
  t.equal(lastDay('2023-W30%'), '2023-08-06');
  t.equal(firstDay('2023-07-25~'), '2023-07-24');
  t.equal(lastDay('2023-07-25~'), '2023-07-26');
  t.equal(firstDay('0000~'), '0000-01-01', 'days stay within four-digit years');
  t.equal(lastDay('9999~'), '9999-12-31');
});

t.test(
  'a span surely overlaps a range only whatever days its dates turn out to mean',
  async (t) => {
    const friday = dayRangeOf('2023-07-28', '2023-07-28');
    t.same(friday, { first: '2023-07-28', last: '2023-07-28' });
    t.notOk(surelyOverlaps('2023-W30', null, friday), '"this week" may have been over by Friday');
    t.ok(surelyOverlaps('2023-W30', null, dayRangeOf('2023-07', '2023-07')), 'but is in July');
    t.ok(surelyOverlaps('2023-07-24', '2023-07-30', friday), 'seven stated days hold the Friday');
    t.notOk(surelyOverlaps('1950', '1953', dayRangeOf('1950-03', '1950-03')));
    t.ok(surelyOverlaps('1950', '1953', dayRangeOf('1951', undefined)), 'an open end');
    t.ok(surelyOverlaps('1950', '1953', dayRangeOf(undefined, undefined)), 'no range at all');
    t.notOk(surelyOverlaps('2023-07-25~', null, dayRangeOf('2023-07-25', '2023-07-25')));
    t.ok(surelyOverlaps('2023-07-25~', null, dayRangeOf('2023-07-24', '2023-07-26')));
  },
);
