#include "CSQLiteSettings.h"

// sqlite-nio's vendored SQLite, linked into the same program (its symbols carry the sqlite_nio_ prefix).
extern int sqlite_nio_sqlite3_db_config(void *db, int op, ...);

// SQLITE_DBCONFIG_ENABLE_QPSG in sqlite3.h.
enum { enableQueryPlannerStabilityGuarantee = 1007 };

int outputhub_sqlite_enable_stable_plans(void *db) {
    return sqlite_nio_sqlite3_db_config(db, enableQueryPlannerStabilityGuarantee, 1, (int *)0);
}
