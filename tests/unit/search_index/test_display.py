"""Display chunks: a warm build computes only the chunks it rewrites, and reads only their items."""
import datetime
from types import SimpleNamespace

from plugins.search_index import display

VOCAB = {"publisher": [["gzj", "公证局", 5]], "category": [["gz", "规章", 5]], "status": [["有效", "effective", 5]]}


class Reads(list):
    """Items that count which positions were read."""

    def __init__(self, items):
        super().__init__(items)
        self.read = set()

    def __getitem__(self, n):
        self.read.add(n)
        return list.__getitem__(self, n)


def _items(n):
    return Reads([SimpleNamespace(title=f"文件{i}", url=f"gk/{i}/", published=datetime.date(2024, 1, 1), index_no=f"X-{i}",
                                  doc_no="", publisher=SimpleNamespace(key="gzj"), category=SimpleNamespace(key="gz"),
                                  status="effective", summary=f"概述{i}", body="") for i in range(n)])


def test_every_chunk_in_order_without_a_choice():
    chunks = list(display.display_chunks(_items(5), VOCAB, 2, 40))
    assert [n for n, _ in chunks] == [0, 1, 2] and [len(c) for _, c in chunks] == [2, 2, 1]
    assert chunks[2][1][0][:4] == ["文件4", "gk/4/", "2024-01-01", "X-4"]


def test_only_the_wanted_chunks_are_made_and_only_their_items_read():
    items = _items(7)
    every = dict(display.display_chunks(_items(7), VOCAB, 3, 40))
    some = list(display.display_chunks(items, VOCAB, 3, 40, wanted={2}.__contains__))
    assert some == [(2, every[2])] and items.read == {6}
