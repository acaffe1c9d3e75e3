from __future__ import annotations

from quotetrail import errors


def test_every_error_has_exit_code_and_status() -> None:
    assert errors.exit_code(errors.NotFound("x")) == 3
    assert errors.http_status(errors.NotFound("x")) == 404
    assert errors.http_status(errors.Forbidden("x")) == 403
    assert errors.exit_code(ValueError("x")) == 1


def test_unreadable_input_names_the_file() -> None:
    error = errors.UnreadableInput("a/b.txt", "file is empty")
    assert str(error) == "a/b.txt: file is empty"
