-- PostgreSQL's full-text index over search_docs, as src/db/sql/postgres/search-index.sql writes
-- it: unaccent, the IMMUTABLE wrapper an index expression needs, the weighted document, the
-- query builders, the configuration snippets are made with and the GIN index. The documents
-- are already there (0003); the index is built from them as it is created.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN translate(unaccent('unaccent'::regdictionary, $1), 'ς', 'σ');
--> statement-breakpoint
CREATE FUNCTION search_document(name text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN setweight(to_tsvector('simple'::regconfig, f_unaccent(coalesce(name, ''))), 'A') || setweight(to_tsvector('simple'::regconfig, f_unaccent(coalesce(body, ''))), 'B');
--> statement-breakpoint
CREATE FUNCTION search_term(words text, prefix boolean) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN CASE WHEN prefix AND numnode(phraseto_tsquery('simple'::regconfig, f_unaccent(words))) > 0
  THEN (phraseto_tsquery('simple'::regconfig, f_unaccent(words))::text || ':*')::tsquery
  ELSE phraseto_tsquery('simple'::regconfig, f_unaccent(words)) END;
--> statement-breakpoint
CREATE FUNCTION search_query(words text[], prefixes boolean[]) RETURNS tsquery LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT AS $$
DECLARE
  query tsquery;
  term tsquery;
BEGIN
  FOR i IN 1 .. coalesce(array_length(words, 1), 0) LOOP
    term := search_term(words[i], prefixes[i]);
    IF numnode(term) > 0 THEN
      query := CASE WHEN query IS NULL THEN term ELSE query && term END;
    END IF;
  END LOOP;
  RETURN coalesce(query, ''::tsquery);
END;
$$;
--> statement-breakpoint
CREATE INDEX search_docs_document_idx ON search_docs USING gin (search_document(name, body));
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION search_headline (COPY = simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION search_headline ALTER MAPPING FOR word, hword, hword_part, numword, numhword WITH unaccent, simple;
