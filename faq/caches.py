"""How many words the text functions keep answers for (their `functools.lru_cache` sizes).

Every distinct word a person types (typos, names, Latin-typed Russian) would otherwise
stay cached for the life of the process: 100,000 distinct words cost about 200 MB
with the earlier sizes (up to 262,144 entries a function). People's words follow a
steep curve, so the most recent thousand cover most look-ups, and a miss costs a few
microseconds to a few tens (a Latin word's Cyrillic readings: about 35 µs for all of a
word's terms), against 20 ms for the model's reading of a question. With these sizes
300,000 distinct words leave the process 8.5 MB larger, 8 of them the allocator's
fragments of what came and went (4,096 and 2,048 entries: 13.5 MB).
"""

from __future__ import annotations

# Words whose answer is small: a script, a folded form, a stem, a yes or no.
WORD_CACHE = 1024
# Words whose answer is a tuple of readings or weighted terms (a kilobyte or more for
# a Latin-typed word): word_terms, readings, latin_to_cyrillic.
HEAVY_WORD_CACHE = 512
