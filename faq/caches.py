"""How many words the text functions keep answers for (their `functools.lru_cache` sizes).

Every distinct word a person types (typos, names, Latin-typed Russian) would otherwise
stay cached for the life of the process: 100,000 distinct words cost about 200 MB
with the earlier sizes (up to 262,144 entries a function). People's words follow a
steep curve, so a few thousand of the most recent cover nearly every look-up; a miss
costs a few microseconds to a few tens (a Latin word's Cyrillic readings).
"""

from __future__ import annotations

# Words whose answer is small: a script, a folded form, a stem, a yes or no.
WORD_CACHE = 4096
# Words whose answer is a tuple of readings or weighted terms (a kilobyte or more for
# a Latin-typed word): word_terms, readings, latin_to_cyrillic.
HEAVY_WORD_CACHE = 2048
