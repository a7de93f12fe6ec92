#include <sqlite3.h>

/// Turns off SQLite's memory statistics, which take a global mutex on every allocation and free; Baton reads
/// none of them. Effective only before SQLite initialises (the first connection opened); later it returns
/// SQLITE_MISUSE and changes nothing. `sqlite3_config` is variadic, which Swift cannot call.
static inline int baton_sqlite3_no_memory_statistics(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

/// Keeps a statement journal in memory up to `bytes` before it spills to a temporary file (SQLite's default is
/// 64 KiB). A statement that writes several rows inside a larger transaction journals the pages it changes that
/// the transaction had already changed, so that it can be undone alone; a 16-row insert into a table with three
/// indexes passed 64 KiB and wrote its journal to /var/tmp. Effective only before SQLite initialises, like the
/// above.
static inline int baton_sqlite3_statement_journal_spill(int bytes) {
    return sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, bytes);
}
