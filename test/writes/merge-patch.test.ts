import t from 'tap';
import { mergePatch } from '../../src/writes/merge-patch.js';

// RFC 7396, Appendix A: target, patch, result.
const EXAMPLES: [unknown, unknown, unknown][] = [
  [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
  [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
  [{ a: 'b' }, { a: null }, {}],
  [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
  [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
  [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
  [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
  [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
  [
    ['a', 'b'],
    ['c', 'd'],
    ['c', 'd'],
  ],
  [{ a: 'b' }, ['c'], ['c']],
  [{ a: 'foo' }, null, null],
  [{ a: 'foo' }, 'bar', 'bar'],
  [{ e: null }, { a: 1 }, { e: null, a: 1 }],
  [[1, 2], { a: 'b', c: null }, { a: 'b' }],
  [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
];

t.test('mergePatch gives the results of RFC 7396, Appendix A', async (t) => {
  for (const [target, patch, result] of EXAMPLES) {
    t.same(
      mergePatch(target, patch),
      result,
      `${JSON.stringify(target)} + ${JSON.stringify(patch)}`,
    );
  }
});

t.test('mergePatch changes neither the target nor the patch', async (t) => {
  const target = { a: { b: 'c' }, d: [1] };
  const patch = { a: { b: null }, d: [2] };
  mergePatch(target, patch);
  t.same(target, { a: { b: 'c' }, d: [1] });
  t.same(patch, { a: { b: null }, d: [2] });
});

t.test('a __proto__ key stays a plain key', async (t) => {
  const merged = mergePatch({}, JSON.parse('{"__proto__": {"polluted": true}}')) as object;
  t.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
  t.ok(Object.hasOwn(merged, '__proto__'));
});
