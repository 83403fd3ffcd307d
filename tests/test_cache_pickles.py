"""The cache's pickles are read without the garbage collector's overhead (generator/buildcache/pickles.py)."""

from __future__ import annotations

import gc
import pickle
from pathlib import Path

from generator.buildcache import pickles


def test_what_lasts_the_build_is_frozen_out_of_the_collector_until_thawed(tmp_path: Path):
    stored = tmp_path / "entries.pickle"
    stored.write_bytes(pickle.dumps({"tin-tuc/a.md": ("digest", [["bản ghi"] * 3])}))
    assert gc.get_freeze_count() == 0
    assert pickles.load(stored) == {"tin-tuc/a.md": ("digest", [["bản ghi"] * 3])}
    assert gc.get_freeze_count() == 0 and gc.isenabled()  # read once: nothing kept out of the collector
    try:
        loaded = pickles.load(stored, lasting=True)
        assert gc.get_freeze_count() > 0 and gc.isenabled()
        assert not any(obj is loaded for obj in gc.get_objects())  # frozen: not among what the collector scans
    finally:
        pickles.thaw()
    assert gc.get_freeze_count() == 0
    assert any(obj is loaded for obj in gc.get_objects())
