"""The review file: schema, migrations, store, lock, copies, status, and the commands."""
