CREATE TABLE sample (id bigint PRIMARY KEY, name text NOT NULL);
