import type Dexie from 'dexie';

/**
 * Counts the rows a Dexie database reads from IndexedDB, per table, through a DBCore middleware:
 * what a test asserts to prove that a lookup uses an index instead of scanning a table. A cursor
 * opened over values counts as `Infinity` (it may walk the whole table). Call before `open()`.
 */
export function countReads(db: Dexie): { rows(table: string): number; reset(): void } {
  const reads = new Map<string, number>();
  const add = (table: string, n: number) => reads.set(table, (reads.get(table) ?? 0) + n);
  db.use({
    stack: 'dbcore',
    name: 'count-reads',
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          get: async (req) => {
            const row: unknown = await table.get(req);
            if (row !== undefined) add(name, 1);
            return row;
          },
          getMany: async (req) => {
            const rows: unknown[] = await table.getMany(req);
            add(name, rows.filter((r) => r !== undefined).length);
            return rows;
          },
          query: async (req) => {
            const res = await table.query(req);
            if (req.values) add(name, res.result.length);
            return res;
          },
          openCursor: async (req) => {
            if (req.values) add(name, Infinity);
            return table.openCursor(req);
          },
        };
      },
    }),
  });
  return { rows: (table) => reads.get(table) ?? 0, reset: () => reads.clear() };
}
