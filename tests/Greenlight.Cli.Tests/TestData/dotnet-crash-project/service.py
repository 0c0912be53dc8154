"""Crashes at start the way an ASP.NET Core app with a bad SQLite connection string does: an ASP.NET
console `fail:` entry whose message is on the next line, then the unhandled exception and its frames."""
import sys

print("info: Microsoft.Hosting.Lifetime[0]", flush=True)
print("      Hosting environment: Production", flush=True)
print("fail: Microsoft.EntityFrameworkCore.Database.Connection[20004]", flush=True)
print("      An error occurred using the connection to database 'main' on server '/nonexistent/app.db'.", flush=True)
print("Unhandled exception. Microsoft.Data.Sqlite.SqliteException (0x80004005): SQLite Error 14: 'unable to open database file'.", flush=True)
for frame in [
    "Microsoft.Data.Sqlite.SqliteException.ThrowExceptionForRC(Int32 rc, sqlite3 db)",
    "Microsoft.Data.Sqlite.SqliteConnectionInternal..ctor(SqliteConnectionStringBuilder connectionOptions, SqliteConnectionPool pool)",
    "Microsoft.EntityFrameworkCore.Storage.RelationalConnection.OpenInternal(Boolean errorsExpected)",
    "Microsoft.EntityFrameworkCore.Storage.RelationalConnection.Open(Boolean errorsExpected)",
    "Program.<Main>$(String[] args) in /src/Program.cs:line 31",
]:
    print("   at " + frame, flush=True)
sys.exit(134)
