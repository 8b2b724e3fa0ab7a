"""The SQLite article store: schema, migrations, queries and search."""
