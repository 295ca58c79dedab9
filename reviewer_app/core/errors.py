"""User-facing errors: each carries a message a person can act on, never a traceback."""


class ReviewError(Exception):
    """Base for problems caused by input or environment rather than by a bug."""


class StandardsError(ReviewError):
    """A standards file is missing, malformed or fails the schema."""


class DocumentError(ReviewError):
    """A PDF cannot be used: not a PDF, corrupt, encrypted, empty."""


class PasswordRequired(DocumentError):
    """The PDF is encrypted; the caller may ask for a password and retry."""


class ReviewFileError(ReviewError):
    """The review file cannot be opened or written."""


class NewerVersionError(ReviewFileError):
    """The review file was written by a newer version of the app."""


class ReviewLocked(ReviewFileError):
    """Another running instance has the review file open for writing."""


class QuoteNotFound(ReviewError):
    """A quote to link could not be found in the document text."""


class AmbiguousQuote(ReviewError):
    """A quote occurs more than once and nothing given tells the hits apart."""


class ReviewBusy(ReviewFileError):
    """A change was asked for while another change to the review is being saved."""
