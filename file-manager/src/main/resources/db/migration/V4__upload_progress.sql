-- When an upload still streaming into storage last made progress: the request storing it touches this as it reads,
-- so a request that died while storing a resumable upload is told from one that is slow, and only the first has its
-- upload taken over by another request.
ALTER TABLE stored_file ADD COLUMN progress_at timestamptz;
