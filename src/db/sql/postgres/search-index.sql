-- PostgreSQL's own full-text index over search_docs, what ../search.sql's FTS5 table search_fts
-- is to SQLite (issue 15). Created by migrations/postgres/0004_search_index.sql; queried by
-- src/search/postgres/.
--
-- Words are read with the 'simple' text search configuration: every word kept as it is, lower
-- cased, neither stemmed nor dropped as a stop word. That is what FTS5's unicode61 tokenizer
-- does, so a query finds the same items on both backends ('english' would find `wars` for `war`
-- and nothing at all for `the`). Diacritics are removed by unaccent, as FTS5's
-- remove_diacritics does.

-- unaccent is a trusted extension: a database owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its rules file could change), and an index expression must be
-- IMMUTABLE: this wrapper promises it, so after changing unaccent.rules, REINDEX the index
-- below. The dictionary is named by OID when the function is created (a SQL-standard body), so
-- neither search_path at query time nor pg_dump's empty one changes what it calls. Greek's
-- final sigma is written as sigma too: lower case cannot know where a word ends, so `ΑΛΈΞΑΝΔΡΟΣ`
-- would never find `Αλέξανδρος` (FTS5 folds them alike).
CREATE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN translate(unaccent('unaccent'::regdictionary, $1), 'ς', 'σ');

-- An item's document: names above text (weights A and B; the ranking weighs A ten times B, as
-- bm25 weighs name and body on SQLite). One function, so the index and the queries cannot say
-- it in two ways that the planner would not see as the same.
CREATE FUNCTION search_document(name text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN setweight(to_tsvector('simple'::regconfig, f_unaccent(coalesce(name, ''))), 'A') || setweight(to_tsvector('simple'::regconfig, f_unaccent(coalesce(body, ''))), 'B');

-- One term of a query as a tsquery: `words` read by the same parser and dictionary as the
-- documents (phraseto_tsquery reads no operators, whatever the text), in order, the last one as
-- a prefix when `prefix`. Empty (matching nothing) when no word is left, e.g. a lone accent.
CREATE FUNCTION search_term(words text, prefix boolean) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN CASE WHEN prefix AND numnode(phraseto_tsquery('simple'::regconfig, f_unaccent(words))) > 0
  THEN (phraseto_tsquery('simple'::regconfig, f_unaccent(words))::text || ':*')::tsquery
  ELSE phraseto_tsquery('simple'::regconfig, f_unaccent(words)) END;

-- A whole query: its terms (words[i] read as search_term(words[i], prefixes[i])) ANDed, the
-- empty ones (a lone accent) left out; empty when all are. The terms come as two arrays, bound
-- parameters like any value, so the SQL that searches is the same text for every query.
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

-- An expression index rather than a stored column: search_docs stays SQLite's twin, column for
-- column. Ranking reads the document again for each ranked match, at most RANKED_AT_MOST.
CREATE INDEX search_docs_document_idx ON search_docs USING gin (search_document(name, body));

-- The configuration snippets are made with (ts_headline reads the text as it is shown, not as
-- the document was indexed): 'simple' with unaccent before it, so that a word written with
-- diacritics is marked when the query has none. The document removes them before parsing
-- instead (f_unaccent), which also removes a combining mark that would part a word in two.
CREATE TEXT SEARCH CONFIGURATION search_headline (COPY = simple);

ALTER TEXT SEARCH CONFIGURATION search_headline ALTER MAPPING FOR word, hword, hword_part, numword, numhword WITH unaccent, simple;
