/**
 * Wraps `derive` so that it runs again only when its arguments are not the very values of the
 * previous call: with answers that come back as the same value when unchanged (see AnswerMemo),
 * a calm poll reuses what was made of them instead of reading and mapping them again.
 */
export function reuseLast<A extends readonly unknown[], R>(
  derive: (...args: A) => R,
): (...args: A) => R {
  let last: { args: A; result: R } | undefined;
  return (...args: A) => {
    const same = last?.args.length === args.length && args.every((arg, i) => arg === last!.args[i]);
    if (!same || !last) last = { args, result: derive(...args) };
    return last.result;
  };
}
