"""Edit one news record of a generated project with words the site already has.

    python3 bench/edit_record.py PROJECT title|body N

`title`: the N-th record's title (sorted file names) gets the first two words of the next
record's title in front; `body`: the first sentence of the next record's body becomes the
N-th record's first paragraph. The synthetic corpus (gen_content.py) has a small vocabulary:
an edit bringing a word it lacks (bench/incremental_bench.sh writes "Sửa …" and "… sửa lúc ấy")
changes every search shard's vocabulary document, so every shard is indexed again; an edit
with the site's own words re-indexes only the shards holding the record (bench/RESULTS.md).
"""
import re
import sys
from pathlib import Path

root, what, n = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
files = sorted((root / "entries" / "tin-tuc").glob("*.md"))
record, donor = files[n], files[n + 1].read_text("utf-8")
text = record.read_text("utf-8")
if what == "title":
    words = re.search(r'^title: "(\S+ \S+)', donor, re.M).group(1)
    text = text.replace('title: "', f'title: "{words} ', 1)
else:
    sentence = donor.split("\n---\n", 1)[1].strip().split("\n")[0].split(". ")[0] + "."
    head, rest = text.split("\n---\n", 1)
    text = head + "\n---\n" + sentence + "\n\n" + rest
record.write_text(text, "utf-8")
print("edited", record.name)
