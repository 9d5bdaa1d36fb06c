/**
 * The value kept under `key`, made by `make` the first time it is asked for: for what is dear to
 * make and cheap to keep, such as Intl formatters, which cost a hundred times more to build than
 * to use and are asked for on every render.
 */
export function remembered<V>(kept: Map<string, V>, key: string, make: () => V): V {
  let value = kept.get(key)
  if (value === undefined) kept.set(key, (value = make()))
  return value
}
