"""Example vectors in a quarter of float32's memory: int8 codes and a scale per row.

The knowledge base's example vectors (about 13,000 rows of 384) are the largest single
thing a bot process holds: 20 MB as float32. Here each row is kept as int8 codes with
one float32 scale (the row's largest absolute value over 127), so a value is
`code · scale` to within half a step: 5 MB. A question's cosines are computed a block
of rows at a time, each block widened into a small float32 buffer that stays in the
CPU cache and multiplied there by BLAS; that is as fast as one float32 product over
the whole matrix (numpy has no fast product for float16 or int8, and widening the
whole matrix at once would rebuild the 20 MB on every question). A cosine read this
way is off by less than 0.003 from the float32 one (tests/faq/test_vectors.py), far
below the margins the decision is calibrated on (`python -m bench faq` gives the same
figures with either).
"""

from __future__ import annotations

import threading

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]
Codes = npt.NDArray[np.int8]

# Rows widened at a time: 256 × 384 float32 is 384 kB, inside this machine's L2 cache.
BLOCK_ROWS = 256
_LEVELS = 127.0
_buffers = threading.local()


class CodedRows:
    """Rows of unit vectors as int8 codes, `(n, dim)`, with their scales, `(n,)`.

    Slicing gives a view that remembers where it sits in the rows it was cut from, so
    consecutive views can be joined again without a copy (`joined`).
    """

    __slots__ = ("codes", "scales", "_root", "_start")

    def __init__(
        self, codes: Codes, scales: Vectors, root: CodedRows | None = None, start: int = 0
    ) -> None:
        if codes.ndim != 2 or scales.shape != (codes.shape[0],):
            raise ValueError("codes must be (n, dim) and scales (n,)")
        self.codes = codes
        self.scales = scales
        self._root = root
        self._start = start

    @classmethod
    def zeros(cls, rows: int, dim: int) -> CodedRows:
        """Rows to fill with `write`."""
        return cls(np.zeros((rows, dim), dtype=np.int8), np.zeros(rows, dtype=np.float32))

    @classmethod
    def encode(cls, matrix: Vectors) -> CodedRows:
        """The rows of a float32 matrix, coded."""
        if np.ndim(matrix) != 2:
            raise ValueError("a matrix of rows is expected")
        coded = cls.zeros(len(matrix), int(np.shape(matrix)[1]))
        for first in range(0, len(matrix), BLOCK_ROWS):
            coded.write(first, matrix[first : first + BLOCK_ROWS])
        return coded

    def write(self, first: int, block: Vectors) -> None:
        """Code `block`'s rows into rows first, first + 1, …. Callers write a block at a
        time (a topic's examples), so no temporary is ever as large as the matrix: a
        large one freed would stay in the heap, glibc having raised its threshold for
        giving big allocations their own mapping."""
        block = np.asarray(block, dtype=np.float32)
        if block.ndim != 2 or block.shape[1] != self.dim:
            raise ValueError("a block of rows of this width is expected")
        end = first + len(block)
        if first < 0 or end > len(self):
            raise ValueError("the block does not fit")
        peaks = np.abs(block).max(axis=1) if block.size else np.zeros(0, dtype=np.float32)
        scales = (peaks / _LEVELS).astype(np.float32)
        divisor = np.where(scales > 0, scales, 1.0).astype(np.float32)
        codes = np.rint(block / divisor[:, None]).clip(-_LEVELS, _LEVELS)
        self.codes[first:end] = codes
        self.scales[first:end] = scales

    @property
    def dim(self) -> int:
        return int(self.codes.shape[1])

    def __len__(self) -> int:
        return int(self.codes.shape[0])

    def __getitem__(self, rows: slice) -> CodedRows:
        start, stop, step = rows.indices(len(self))
        if step != 1:
            raise ValueError("only consecutive rows can be taken")
        return CodedRows(
            self.codes[start:stop], self.scales[start:stop], self._origin(), self._start + start
        )

    def dot(self, query: Vectors) -> Vectors:
        """`rows @ query` for a float32 vector of length dim: a float32 vector (n,)."""
        query = np.ascontiguousarray(query, dtype=np.float32)
        n = len(self)
        out = np.empty(n, dtype=np.float32)
        buffer = _buffer(self.dim)
        for first in range(0, n, BLOCK_ROWS):
            block = self.codes[first : first + BLOCK_ROWS]
            rows = len(block)
            part = buffer[:rows]
            part[...] = block
            np.dot(part, query, out=out[first : first + rows])
        out *= self.scales
        return out

    @staticmethod
    def joined(blocks: list[CodedRows]) -> CodedRows:
        """The blocks as one: a view when they are consecutive rows of one set of coded
        rows (a SemanticIndex keeps all its examples in one), else a copy."""
        if not blocks:
            raise ValueError("nothing to join")
        root = blocks[0]._root
        at = blocks[0]._start
        for block in blocks:
            if root is None or block._root is not root or block._start != at:
                break
            at += len(block)
        else:
            assert root is not None
            return root[blocks[0]._start : at]
        return CodedRows(
            np.concatenate([b.codes for b in blocks]),
            np.concatenate([b.scales for b in blocks]),
        )

    def shares_rows_with(self, other: CodedRows) -> bool:
        """Whether both are views of the same coded rows."""
        return self._origin() is other._origin()

    def _origin(self) -> CodedRows:
        # Not `self._root or self`: rows with no row at all are falsy.
        return self._root if self._root is not None else self


def _buffer(dim: int) -> Vectors:
    """This thread's float32 block buffer (searches may run in several threads)."""
    found: Vectors | None = getattr(_buffers, "block", None)
    if found is None or found.shape[1] != dim:
        found = np.empty((BLOCK_ROWS, dim), dtype=np.float32)
        _buffers.block = found
    return found
