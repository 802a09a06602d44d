/**
 * `column` starts with `prefix`, case-insensitively, on a column that holds lower-cased text. A range instead of
 * LIKE, so '%' and '_' in the prefix stay literal and the column's index is used on both databases.
 */
export function whereStartsWith<Q extends { where: (...args: any[]) => Q }>(q: Q, column: string, prefix: string): Q {
  const lower = prefix.toLowerCase();
  return q.where(column, '>=', lower).where(column, '<', `${lower}\uffff`);
}
