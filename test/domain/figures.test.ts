import t from 'tap';
import { boundsOf } from '../../src/domain/figures.js';

t.test('each hedge implies its bounds', async (t) => {
  t.same(boundsOf('exact', 5), { lower: 5, lowerInclusive: true, upper: 5, upperInclusive: true });
  t.same(boundsOf('more_than', 2_000_000), {
    lower: 2_000_000,
    lowerInclusive: false,
    upper: null,
    upperInclusive: false,
  });
  t.same(boundsOf('at_least', 3), {
    lower: 3,
    lowerInclusive: true,
    upper: null,
    upperInclusive: false,
  });
  t.same(boundsOf('nearly', 180_000), {
    lower: null,
    lowerInclusive: false,
    upper: 180_000,
    upperInclusive: false,
  });
  t.same(boundsOf('at_most', 7), {
    lower: null,
    lowerInclusive: false,
    upper: 7,
    upperInclusive: true,
  });
  t.same(boundsOf('less_than', 7), {
    lower: null,
    lowerInclusive: false,
    upper: 7,
    upperInclusive: false,
  });
  t.same(boundsOf('about', 10), {
    lower: null,
    lowerInclusive: false,
    upper: null,
    upperInclusive: false,
  });
});
