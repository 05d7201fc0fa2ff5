#ifndef OUTPUTHUB_CSQLITE_SETTINGS_H
#define OUTPUTHUB_CSQLITE_SETTINGS_H

/// Turns on SQLite's query planner stability guarantee for one connection of sqlite-nio's SQLite (a
/// `sqlite3 *`): a statement's plan no longer depends on the values bound to it, so a kept statement
/// is not prepared again each time new values are bound. Answers SQLite's result code.
///
/// `sqlite3_db_config` takes variable arguments, which Swift cannot call; this is the fixed-argument form.
int outputhub_sqlite_enable_stable_plans(void *db);

#endif
