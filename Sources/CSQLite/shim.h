#include <sqlite3.h>

/// Turns off SQLite's memory statistics, which take a global mutex on every allocation and free; Baton reads
/// none of them. Effective only before SQLite initialises (the first connection opened); later it returns
/// SQLITE_MISUSE and changes nothing. `sqlite3_config` is variadic, which Swift cannot call.
static inline int baton_sqlite3_no_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
