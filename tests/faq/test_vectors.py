"""Coded example vectors (faq.vectors): cosines as float32 gives them, a quarter of the memory."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from faq import vectors
from faq.vectors import CodedRows


def unit_rows(n: int, dim: int = 384, seed: int = 7) -> np.ndarray:
    rng = np.random.default_rng(seed)
    matrix = rng.standard_normal((n, dim)).astype(np.float32)
    unit: np.ndarray = matrix / np.linalg.norm(matrix, axis=1, keepdims=True)
    return unit


def test_cosines_match_float32_to_within_three_thousandths() -> None:
    # More rows than one block, and a last block that is not full.
    matrix = unit_rows(3 * vectors.BLOCK_ROWS + 17)
    coded = CodedRows.encode(matrix)
    for query in (matrix[5], unit_rows(1, seed=11)[0]):
        exact = matrix @ query
        got = coded.dot(query)
        assert got.dtype == np.float32 and got.shape == exact.shape
        assert float(np.max(np.abs(got - exact))) < 0.003
    # The nearest rows are the same rows.
    query = matrix[40] * 0.6 + matrix[41] * 0.4
    assert list(np.argsort(-coded.dot(query))[:2]) == list(np.argsort(-(matrix @ query))[:2])


def test_a_quarter_of_the_memory() -> None:
    matrix = unit_rows(1000)
    coded = CodedRows.encode(matrix)
    assert coded.codes.dtype == np.int8
    assert coded.codes.nbytes + coded.scales.nbytes <= matrix.nbytes * 0.26
    decoded = coded.codes.astype(np.float32) * coded.scales[:, None]
    assert np.allclose(decoded, matrix, atol=0.01)


def test_a_zero_row_and_no_rows() -> None:
    matrix = unit_rows(3)
    matrix[1] = 0.0
    coded = CodedRows.encode(matrix)
    assert coded.dot(matrix[0])[1] == 0.0
    empty = CodedRows.encode(np.zeros((0, 384), dtype=np.float32))
    assert len(empty) == 0 and empty.dot(matrix[0]).shape == (0,)
    # Rows with no row are still themselves, not "no rows to share".
    assert empty[0:0].shares_rows_with(empty)
    assert not empty.shares_rows_with(coded)


def test_consecutive_views_are_joined_without_a_copy() -> None:
    coded = CodedRows.encode(unit_rows(6, dim=4))
    consecutive = CodedRows.joined([coded[1:3], coded[3:4]])
    assert consecutive.codes.base is coded.codes and consecutive.shares_rows_with(coded)
    assert np.array_equal(consecutive.codes, coded.codes[1:4])
    assert np.array_equal(consecutive.scales, coded.scales[1:4])
    # A view of a view still knows where it sits.
    inner = coded[1:5][1:3]
    assert np.array_equal(CodedRows.joined([coded[1:2], inner]).codes, coded.codes[1:4])


def test_rows_not_consecutive_are_joined_in_a_copy() -> None:
    coded = CodedRows.encode(unit_rows(6, dim=4))
    skipping = CodedRows.joined([coded[0:1], coded[2:3]])
    assert not skipping.shares_rows_with(coded)
    assert np.array_equal(skipping.codes, coded.codes[[0, 2]])
    other = CodedRows.encode(unit_rows(2, dim=4, seed=3))
    separate = CodedRows.joined([other, coded[:1]])
    assert np.array_equal(separate.codes[2], coded.codes[0])
    assert np.array_equal(separate.scales[:2], other.scales)


def test_bad_shapes_and_steps_are_refused() -> None:
    coded = CodedRows.encode(unit_rows(4, dim=4))
    with pytest.raises(ValueError):
        coded[::2]
    with pytest.raises(ValueError):
        CodedRows.encode(np.zeros(4, dtype=np.float32))
    with pytest.raises(ValueError):
        CodedRows.joined([])


def test_threads_have_their_own_block_buffer() -> None:
    matrix = unit_rows(2 * vectors.BLOCK_ROWS)
    coded = CodedRows.encode(matrix)
    queries = unit_rows(8, seed=5)
    expected = [coded.dot(q) for q in queries]
    failures: list[int] = []

    def work(i: int) -> None:
        for _ in range(30):
            if not np.array_equal(coded.dot(queries[i]), expected[i]):
                failures.append(i)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(queries))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
