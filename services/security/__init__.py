"""Security (安全): users and permissions, the complainants' identity vault, the audit chain.

Offers: ``users`` (roles, argon2id passwords, sign-in with lockout), ``permissions`` (which role may do
what), ``setup`` (first run: the organization and its first user), ``audit_checkpoints`` (signed
checkpoints of the audit chain) and ``integrity`` (``audit verify`` and ``check --deep``). Internal:
``session_guard`` (is the signed-in user still allowed), ``identity`` / ``identity_crypto`` /
``identity_masks`` (sealing, revealing and masking 反映人), ``audit`` (the append-only, hash-chained
log), ``audit_triggers`` and ``row_digest`` (what each audited row looked like).

May use: storage, submission (submission only for the township key that signs checkpoints).
"""

__all__ = ["audit_checkpoints", "integrity", "permissions", "setup", "users"]
