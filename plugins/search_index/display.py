"""What results show and filter on: facet vocabularies, the per-document facet table, display chunks.

Document ids are positions in catalog order (newest first, then by 索引号). The facet table is one compact column
per facet (every matching document needs its facets for the counts); display records come in chunks
of consecutive ids, fetched only for the results on the page being shown.
"""
from __future__ import annotations

from .text import snippet_source

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
STATUSES = [("yx", "有效"), ("sx", "失效"), ("fz", "废止")]   # URL key, label (schema VALIDITY_STATES)


def facet_vocabularies(items, taxonomy) -> dict:
    """Facet values in display order with their counts: [[key, label, count], …] (year: [[year, count]])."""
    cats, pubs, years, stats = {}, {}, {}, {}
    for item in items:
        cats[item.category.key] = cats.get(item.category.key, 0) + 1
        pubs[item.publisher.key] = pubs.get(item.publisher.key, 0) + 1
        years[item.year] = years.get(item.year, 0) + 1
        stats[item.status] = stats.get(item.status, 0) + 1
    known = {c.key for c in taxonomy.categories}
    category = [[c.key, c.label, cats[c.key]] for c in taxonomy.categories if c.key in cats]
    category += [[k, k, n] for k, n in sorted(cats.items()) if k not in known]
    names = {p.key: p.name for p in taxonomy.publishers}
    publisher = [[p.key, p.name, pubs[p.key]] for p in taxonomy.publishers if p.key in pubs]
    publisher += [[k, names.get(k, k), n] for k, n in sorted(pubs.items()) if k not in names]
    labels = dict(STATUSES)
    status = [[key, label, stats[label]] for key, label in STATUSES if label in stats]
    status += [[s, s, n] for s, n in sorted(stats.items()) if s not in labels.values()]
    return {"category": category, "publisher": publisher,
            "year": [[y, n] for y, n in sorted(years.items(), reverse=True)], "status": status}


def _column(values: list[int], size: int) -> dict:
    """Fixed-width base-64 digits per document."""
    width = 1
    while 64 ** width < size:
        width += 1
    return {"w": width, "v": "".join(digits(v, width) for v in values)}


def digits(value: int, width: int) -> str:
    """``value`` as ``width`` base-64 digits, most significant first (one document's cell of a column)."""
    out = []
    for _ in range(width):
        out.append(_B64[value % 64])
        value //= 64
    return "".join(reversed(out))


def facet_table(items, vocab: dict) -> dict:
    """Per document (id order, newest first): category, publisher and status as vocabulary positions.
    Dates need no column: ids are in date order, so sorting by date is sorting by id, and the year of a
    document is found from ``years``: [[year, first id], …]."""
    pos = {name: {row[0]: i for i, row in enumerate(rows)} for name, rows in vocab.items() if name != "year"}
    status_pos = {row[1]: i for i, row in enumerate(vocab["status"])}
    years = []
    for i, item in enumerate(items):
        if i and items[i - 1].published < item.published:
            raise ValueError("facet_table: items must be newest first")
        if not years or years[-1][0] != item.year:
            years.append([item.year, i])
    return {
        "n": len(items),
        "category": _column([pos["category"][i.category.key] for i in items], len(vocab["category"])),
        "publisher": _column([pos["publisher"][i.publisher.key] for i in items], len(vocab["publisher"])),
        "status": _column([status_pos[i.status] for i in items], len(vocab["status"])),
        "years": years,
    }


def display_record(item, vocab_pos: dict, snippet_chars: int) -> list:
    """[title, url, date, 索引号, 文号, publisher pos, category pos, status pos, snippet source]."""
    return [item.title, item.url, item.published.isoformat(), item.index_no, item.doc_no or "",
            vocab_pos["publisher"][item.publisher.key], vocab_pos["category"][item.category.key],
            vocab_pos["status"][item.status], snippet_source(item, snippet_chars)]


def display_chunks(items, vocab: dict, size: int, snippet_chars: int, wanted=None):
    """``(n, records)`` for the display chunks of ``size`` consecutive ids. Without ``wanted``, every chunk,
    reading ``items`` once in order (it may be a :class:`~plugins.search_index.build.Detached`); with it,
    only the chunks ``n`` for which ``wanted(n)`` is true, and only their items are read (a warm build
    rewrites the chunks of the changed documents and links the others)."""
    vocab_pos = {
        "publisher": {row[0]: i for i, row in enumerate(vocab["publisher"])},
        "category": {row[0]: i for i, row in enumerate(vocab["category"])},
        "status": {row[1]: i for i, row in enumerate(vocab["status"])},
    }
    if wanted is not None:
        for n in range(-(-len(items) // size)):
            if wanted(n):
                yield n, [display_record(items[i], vocab_pos, snippet_chars)
                          for i in range(n * size, min((n + 1) * size, len(items)))]
        return
    chunk, n = [], 0
    for item in items:
        chunk.append(display_record(item, vocab_pos, snippet_chars))
        if len(chunk) == size:
            yield n, chunk
            chunk, n = [], n + 1
    if chunk:
        yield n, chunk
