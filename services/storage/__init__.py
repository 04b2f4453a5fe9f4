"""Storage (数据): the workspace, settings, safe file writing, backups and restore, attachments.

Offers: ``workspace`` (the front object: data dir, engine, current user, clock), ``settings``
(declared once, stored as JSON), ``files`` (writes that never leave half a file), ``backup`` (local
backups, the ``.jjbak`` export, restore), ``maintenance`` (start-up checks, automatic backups),
``instance_lock`` (one program per data dir), ``db_url`` (SQLite or a PostgreSQL server, its password
from PGPASSFILE or a prompt), ``attachments`` (content-addressed files), ``migrate_to`` (a SQLite
database onto an empty server, checked), ``server_backup`` (a server's ``.jjbak`` payload, a ``.jjbak`` onto an
empty server), ``db_roles`` (the owner migrates, the app's role only reads and writes rows),
``server_check`` (a server database tried before use: reachable, whose, empty). Internal:
``backup_store``, ``backup_export`` (with ``backup_format``, the container), ``backup_origin``, ``backup_remask``,
``table_copy``.

May use: security (the audit log, permissions, session checks and key derivation).
"""

__all__ = ["attachments", "backup", "db_roles", "db_url", "files", "instance_lock", "maintenance", "migrate_to", "server_backup",
           "server_check",
           "settings", "workspace"]
