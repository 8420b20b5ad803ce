// The database schema by area. Import tables from here (`$lib/server/db/schema`), not from the
// area files, so that drizzle's client and drizzle-kit see one schema.
export * from './organisations';
export * from './patients';
export * from './audit';
export * from './meetings';
export * from './actions';
export * from './measures';
export * from './careplans';
export * from './collab';
export * from './caseload';
export * from './between-meetings';
export * from './safeguarding';
