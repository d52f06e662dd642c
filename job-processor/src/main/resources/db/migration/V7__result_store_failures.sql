-- How many times streaming one of the job's results into file-manager failed after the download from the job's
-- server began. Every download spends the server's budget for the file (10 by Cloudgene's default), so once a store
-- has failed, the next attempt asks file-manager whether its storage takes files before it downloads again.
ALTER TABLE imputation_job ADD COLUMN result_store_failures integer NOT NULL DEFAULT 0;
