"""One exception hierarchy for quotetrail.

    QuotetrailError                 exit 1, HTTP 500
    ├── InputError                  exit 2, HTTP 400   bad input from the user
    │   ├── UnreadableInput         exit 2, HTTP 422   a file or record we cannot read
    │   └── BadParameter            exit 2, HTTP 400   an option or query value out of range
    ├── NotFound                    exit 3, HTTP 404   no such statement, speaker, article
    ├── StoreError                  exit 4, HTTP 500   the database cannot be opened or written
    │   └── SchemaTooNew            exit 4, HTTP 500   made by a newer quotetrail
    ├── ModelMissing                exit 5, HTTP 500   the English pipeline is not installed
    └── Forbidden                   exit 6, HTTP 403   ingest over HTTP without the token

`ingest` exits with PARTIAL_FAILURE (7) when it stored what it could but some
inputs failed; each failure is printed with its file and reason.

Messages say what went wrong and what to do next. `exit_code` and
`http_status` are the one place that maps errors to codes.
"""

from __future__ import annotations

PARTIAL_FAILURE = 7


class QuotetrailError(Exception):
    exit_code = 1
    http_status = 500


class InputError(QuotetrailError):
    exit_code = 2
    http_status = 400


class UnreadableInput(InputError):
    http_status = 422

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class BadParameter(InputError):
    http_status = 400


class NotFound(QuotetrailError):
    exit_code = 3
    http_status = 404


class StoreError(QuotetrailError):
    exit_code = 4
    http_status = 500


class SchemaTooNew(StoreError):
    pass


class ModelMissing(QuotetrailError):
    exit_code = 5
    http_status = 500


class Forbidden(QuotetrailError):
    exit_code = 6
    http_status = 403


def exit_code(error: BaseException) -> int:
    """The process exit status for an error."""
    return error.exit_code if isinstance(error, QuotetrailError) else 1


def http_status(error: BaseException) -> int:
    """The HTTP status for an error."""
    return error.http_status if isinstance(error, QuotetrailError) else 500
