"""Everything persisted: tables, the raw store, the database engine and migrations."""
