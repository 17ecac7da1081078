"""Publishing: precompression, the manifest (sha256 + size of every file), deploy/rollback, tamper check."""
