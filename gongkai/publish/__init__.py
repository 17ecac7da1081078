"""Publishing, after the build: site checks (``checks/``), precompression, the manifest, deploy and
rollback, and the tamper check (over SSH, a directory or HTTP) — with the publish cache, so an
unchanged file costs a hash and an unchanged file on the server costs nothing to upload.

``pipeline`` runs checks → compression → manifest; ``release`` deploys and rolls back. See
docs/architecture.md ("Publishing") and docs/operator-guide.md.
"""
