"""Submission (报送): township keys, the county's CA, signed packages, the county's import and summary.

Offers: ``keys`` (the township's signing key, request and certificate), ``county_ca`` (the county's
certificate authority and roster), ``pki`` (pure certificate functions), ``township`` (the signed
package of a finalized report), ``package`` (build and verify a package: BagIt, PAdES, CMS, safe zip),
``county`` (import townships' packages, the county-wide report) and ``county_audit`` (a township's
audit chain may only grow). Internal: ``cert_trust`` (the one trust check of a signing certificate,
pyhanko-certvalidator with the CRL, for packaging and verifying alike), ``county_summary`` (the county-wide report, 汇总; ``county``
re-exports it).

May use: reporting, security, storage.
"""

__all__ = ["county", "county_audit", "county_ca", "keys", "package", "pki", "township"]
