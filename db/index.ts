export { getDb, getDbHandle, execRows, type Db, type Tx, type DbOrTx } from './client';
export * as schema from './schema';
