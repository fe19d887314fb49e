-- What is loaded: documents, source files, checksums, load time.
SELECT document_id, kind, institution, title, period_start, period_end, source_file, sha256, bytes, loaded_at
FROM documents ORDER BY document_id
