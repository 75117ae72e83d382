"""One error hierarchy for the whole service.

Every refusal carries a stable machine-readable ``code``, the HTTP status the
API answers with, and a message that tells the user what to do next.
Third-party exceptions are translated at the boundary (``raise ... from e``).
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    FILE_NOT_FOUND = "file_not_found"
    FILE_EMPTY = "file_empty"
    FILE_TOO_LARGE = "file_too_large"
    UNSUPPORTED_TYPE = "unsupported_type"
    CORRUPT_FILE = "corrupt_file"
    PDF_ENCRYPTED = "pdf_encrypted"
    TOO_MANY_PAGES = "too_many_pages"
    IMAGE_TOO_LARGE = "image_too_large"
    PAGE_TOO_LARGE = "page_too_large"
    NO_PAGES = "no_pages"
    OCR_FAILED = "ocr_failed"
    OCR_TIMEOUT = "ocr_timeout"
    PROCESSING_TIMEOUT = "processing_timeout"
    RESOURCE_LIMIT = "resource_limit"
    TOOL_MISSING = "tool_missing"
    CATALOG_INVALID = "catalog_invalid"
    NOT_FOUND = "not_found"
    FORBIDDEN = "forbidden"
    UNAUTHORIZED = "unauthorized"
    CONFLICT = "conflict"
    INVALID_REQUEST = "invalid_request"
    SERVICE_UNAVAILABLE = "service_unavailable"
    RATE_LIMITED = "rate_limited"
    STORAGE_FULL = "storage_full"
    CONFIGURATION_INVALID = "configuration_invalid"
    INTERNAL = "internal_error"


class CertverifyError(Exception):
    """Base error: a code, an HTTP status and a message for the user."""

    code: ErrorCode = ErrorCode.INTERNAL
    http_status: int = 500
    default_message = "Something went wrong on our side. Try again later."

    def __init__(self, message: str | None = None, *, code: ErrorCode | None = None) -> None:
        self.message = message or self.default_message
        if code is not None:
            self.code = code
        super().__init__(self.message)

    def to_dict(self) -> dict[str, str]:
        return {"code": str(self.code), "message": self.message}

    def headers(self) -> dict[str, str]:
        """HTTP headers the answer carries besides the JSON body."""
        return {"WWW-Authenticate": "Bearer"} if self.http_status == 401 else {}


class InputError(CertverifyError):
    """The uploaded file cannot be processed; retrying the same bytes will not help."""

    code = ErrorCode.CORRUPT_FILE
    http_status = 422
    default_message = "The file could not be read. Upload it again or export a new copy."


class FileNotFound(InputError):
    code = ErrorCode.FILE_NOT_FOUND
    http_status = 404
    default_message = "The file does not exist. Check the path and try again."


class EmptyFile(InputError):
    code = ErrorCode.FILE_EMPTY
    default_message = "The file is empty (0 bytes). Upload the certificate or card again."


class FileTooLarge(InputError):
    code = ErrorCode.FILE_TOO_LARGE
    http_status = 413


class UnsupportedType(InputError):
    code = ErrorCode.UNSUPPORTED_TYPE
    http_status = 415


class CorruptFile(InputError):
    code = ErrorCode.CORRUPT_FILE


class EncryptedPdf(InputError):
    code = ErrorCode.PDF_ENCRYPTED
    default_message = (
        "The PDF is password-protected. Open it, print or save it as a PDF without a "
        "password, and upload that copy."
    )


class TooManyPages(InputError):
    code = ErrorCode.TOO_MANY_PAGES
    http_status = 413


class ImageTooLarge(InputError):
    code = ErrorCode.IMAGE_TOO_LARGE
    http_status = 413


class PageTooLarge(InputError):
    code = ErrorCode.PAGE_TOO_LARGE
    http_status = 413


class NoPages(InputError):
    code = ErrorCode.NO_PAGES
    default_message = "The PDF has no pages. Export the certificate again and upload the new file."


class ToolError(CertverifyError):
    """An external tool (tesseract, PDF renderer) failed: may be transient."""

    code = ErrorCode.OCR_FAILED
    http_status = 503
    default_message = "Text recognition failed. The document will be retried."


class OcrTimeout(ToolError):
    """A page's text recognition ran out of its time: the page comes back empty."""

    code = ErrorCode.OCR_TIMEOUT

    def __init__(self, seconds: float) -> None:
        super().__init__(f"Text recognition took longer than {seconds:g} s on this page.")


class ToolMissing(ToolError):
    code = ErrorCode.TOOL_MISSING
    default_message = "tesseract is not installed. Install it with: apt-get install tesseract-ocr"


class CatalogInvalid(CertverifyError):
    code = ErrorCode.CATALOG_INVALID
    http_status = 422
    default_message = "The catalog file is not valid. Fix the rows listed and import it again."


class NotFound(CertverifyError):
    code = ErrorCode.NOT_FOUND
    http_status = 404
    default_message = "Not found."


class Forbidden(CertverifyError):
    code = ErrorCode.FORBIDDEN
    http_status = 403
    default_message = "Your role does not allow this."


class Unauthorized(CertverifyError):
    code = ErrorCode.UNAUTHORIZED
    http_status = 401
    default_message = "Send a valid API key as 'Authorization: Bearer <key>'."


class Conflict(CertverifyError):
    code = ErrorCode.CONFLICT
    http_status = 409
    default_message = "The request conflicts with the current state."


class ServiceUnavailable(CertverifyError):
    """The database (or another server we depend on) does not answer; retry later."""

    code = ErrorCode.SERVICE_UNAVAILABLE
    http_status = 503
    default_message = "The service is briefly unavailable. Try again in a minute."


class TooManyRequests(CertverifyError):
    """A per-trainer quota is used up; the answer says when to try again (Retry-After)."""

    code = ErrorCode.RATE_LIMITED
    http_status = 429
    default_message = "Too many requests. Try again later."

    def __init__(self, message: str | None = None, *, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after_s)}


class StorageFull(CertverifyError):
    """The disk (or the database) has no room left: nothing was stored."""

    code = ErrorCode.STORAGE_FULL
    http_status = 507
    default_message = (
        "The service has no room left to store files; nothing was stored. Try again later; "
        "the operators have been told."
    )


class InvalidRequest(CertverifyError):
    code = ErrorCode.INVALID_REQUEST
    http_status = 422
    default_message = "The request is not valid."


class ConfigurationError(CertverifyError):
    """The settings cannot run this deployment; the message names the setting to fix."""

    code = ErrorCode.CONFIGURATION_INVALID
    http_status = 500
    default_message = "The service is not configured for this deployment."


class ProcessingTimeout(InputError):
    code = ErrorCode.PROCESSING_TIMEOUT
    default_message = "Reading the file took too long and was stopped."


class ResourceLimit(InputError):
    code = ErrorCode.RESOURCE_LIMIT
    default_message = "Reading the file needed more memory than allowed and was stopped."
