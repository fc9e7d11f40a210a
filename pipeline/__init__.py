"""The pipeline: where sources/ (HTTP), parser/ (pure) and db/ (SQL) meet.

    lists.py     a source's list pages → candidate documents
    reading.py   one fetched page → one read document (text, metadata, extraction, references, validity):
                 the one path used by fetch, `sources check`, `reparse` and the demo store
    storage.py   what a run needs of the store, as a typed protocol, and the locking adapter over db.Store
    run.py       a fetch run: sources in parallel threads, each document new / changed / unchanged / error
    check.py     `sources check`: a run of one source's first list page and first document, stored nowhere
    reparse.py   every stored version read again by the current parser, from the bytes stored at fetch time
"""
