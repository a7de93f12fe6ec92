/* The floor a first scan is compared with: the rows a Baton scan stored, inserted again into an empty store of
 * the same schema (indexes, CHECKs and foreign keys included) with one prepared statement per table, reused for
 * every row, in one transaction. The rows are read from Baton's store into memory first (not timed); the time
 * printed is the inserts and the commit only. Reading the mailbox (`cat`) is timed by the run script.
 *
 *   floor SOURCE.sqlite TARGET.sqlite   prints: rows seconds cpu-seconds
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef struct {
    char *name;
    int columns;
    int rows;
    sqlite3_value **values; /* rows × columns */
} Table;

static void check(int rc, sqlite3 *db, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

static double cpu(void) {
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

static double wall(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: floor SOURCE.sqlite TARGET.sqlite\n");
        return 2;
    }
    sqlite3 *src, *dst;
    check(sqlite3_open_v2(argv[1], &src, SQLITE_OPEN_READONLY, NULL), src, "open source");
    remove(argv[2]);
    check(sqlite3_open(argv[2], &dst), dst, "open target");
    check(sqlite3_exec(dst, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-16000;"
                            "PRAGMA foreign_keys=ON;",
                       NULL, NULL, NULL),
          dst, "pragmas");

    /* The schema (tables and indexes, in creation order), and every table's rows. Not the triggers: the rows
       they write (a lead's clock marked for evaluation) are among the rows copied. */
    sqlite3_stmt *schema;
    check(sqlite3_prepare_v2(src,
                             "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE "
                             "'sqlite_%' ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid",
                             -1, &schema, NULL),
          src, "schema");
    Table tables[128];
    int count = 0;
    long total = 0;
    while (sqlite3_step(schema) == SQLITE_ROW) {
        const char *type = (const char *)sqlite3_column_text(schema, 0);
        const char *name = (const char *)sqlite3_column_text(schema, 1);
        if (strcmp(type, "trigger") == 0) continue;
        check(sqlite3_exec(dst, (const char *)sqlite3_column_text(schema, 2), NULL, NULL, NULL), dst, name);
        if (strcmp(type, "table") != 0 || count == 128) continue;
        Table *t = &tables[count++];
        t->name = strdup(name);
        char sql[512];
        snprintf(sql, sizeof sql, "SELECT * FROM \"%s\" ORDER BY rowid", name);
        sqlite3_stmt *select;
        if (sqlite3_prepare_v2(src, sql, -1, &select, NULL) != SQLITE_OK) {
            snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", name);
            check(sqlite3_prepare_v2(src, sql, -1, &select, NULL), src, name);
        }
        t->columns = sqlite3_column_count(select);
        t->rows = 0;
        int capacity = 1024;
        t->values = malloc(sizeof(sqlite3_value *) * capacity * t->columns);
        while (sqlite3_step(select) == SQLITE_ROW) {
            if (t->rows == capacity) {
                capacity *= 2;
                t->values = realloc(t->values, sizeof(sqlite3_value *) * capacity * t->columns);
            }
            for (int c = 0; c < t->columns; c++)
                t->values[t->rows * t->columns + c] = sqlite3_value_dup(sqlite3_column_value(select, c));
            t->rows++;
        }
        sqlite3_finalize(select);
        total += t->rows;
    }
    sqlite3_finalize(schema);

    /* Parents before children, so that every foreign key is checked as Baton's inserts are. */
    int order[128], placed[128] = {0}, n = 0;
    while (n < count) {
        int progress = 0;
        for (int i = 0; i < count; i++) {
            if (placed[i]) continue;
            int ready = 1;
            sqlite3_stmt *fk;
            check(sqlite3_prepare_v2(src, "SELECT \"table\" FROM pragma_foreign_key_list(?)", -1, &fk, NULL), src,
                  "fk");
            sqlite3_bind_text(fk, 1, tables[i].name, -1, SQLITE_STATIC);
            while (sqlite3_step(fk) == SQLITE_ROW) {
                const char *parent = (const char *)sqlite3_column_text(fk, 0);
                for (int j = 0; j < count; j++)
                    if (!placed[j] && j != i && strcmp(tables[j].name, parent) == 0) ready = 0;
            }
            sqlite3_finalize(fk);
            if (ready) {
                placed[i] = 1;
                order[n++] = i;
                progress = 1;
            }
        }
        if (!progress) {
            fprintf(stderr, "foreign keys form a cycle\n");
            return 1;
        }
    }

    double start = wall(), cpuStart = cpu();
    check(sqlite3_exec(dst, "BEGIN IMMEDIATE", NULL, NULL, NULL), dst, "begin");
    for (int k = 0; k < count; k++) {
        Table *t = &tables[order[k]];
        if (t->rows == 0) continue;
        char sql[4096];
        int n = snprintf(sql, sizeof sql, "INSERT INTO \"%s\" VALUES (", t->name);
        for (int c = 0; c < t->columns; c++) n += snprintf(sql + n, sizeof sql - n, c ? ", ?" : "?");
        snprintf(sql + n, sizeof sql - n, ")");
        sqlite3_stmt *insert;
        check(sqlite3_prepare_v2(dst, sql, -1, &insert, NULL), dst, sql);
        for (int r = 0; r < t->rows; r++) {
            for (int c = 0; c < t->columns; c++) sqlite3_bind_value(insert, c + 1, t->values[r * t->columns + c]);
            check(sqlite3_step(insert), dst, t->name);
            sqlite3_reset(insert);
        }
        sqlite3_finalize(insert);
    }
    check(sqlite3_exec(dst, "COMMIT", NULL, NULL, NULL), dst, "commit");
    printf("%ld %.3f %.3f\n", total, wall() - start, cpu() - cpuStart);
    sqlite3_close(dst);
    sqlite3_close(src);
    return 0;
}
