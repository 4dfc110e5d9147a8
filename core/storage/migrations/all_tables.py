"""Import every feature's tables so `metadata` is complete (Alembic, schema tests).

One line per feature that owns tables.
"""

import cases.tables  # noqa: F401
import core.cluster
import core.conversations  # noqa: F401
import faq.journal  # noqa: F401
import registry.tables  # noqa: F401
import scheduler.tables  # noqa: F401
