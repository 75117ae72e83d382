"""Streaming a multipart upload straight to the file store's staging area.

The body is parsed as it arrives (python-multipart's push parser), so the
file part goes to disk chunk by chunk, hashed on the way, and an upload over
the limit is refused as soon as it crosses it, without buffering it first.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from python_multipart import MultipartParser
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import parse_options_header

from ingest.errors import InvalidRequest
from store.files import FileStore, StagedFile, StagingWriter

FILE_FIELD = "file"
_MAX_FIELD_BYTES = 1024


@dataclass
class ParsedUpload:
    staged: StagedFile | None = None
    filename: str | None = None
    fields: dict[str, str] = field(default_factory=dict)


class _Collector:
    """Callbacks for the push parser: the file part to a writer, small fields to memory."""

    def __init__(self, files: FileStore, max_bytes: int) -> None:
        self.files = files
        self.max_bytes = max_bytes
        self.result = ParsedUpload()
        self.writer: StagingWriter | None = None
        self.headers: dict[bytes, bytes] = {}
        self.header_field = b""
        self.header_value = b""
        self.part_name: str | None = None
        self.value = bytearray()

    def callbacks(self) -> dict[str, object]:
        return {
            "on_part_begin": self.part_begin,
            "on_header_field": self.header_field_data,
            "on_header_value": self.header_value_data,
            "on_header_end": self.header_end,
            "on_headers_finished": self.headers_finished,
            "on_part_data": self.part_data,
            "on_part_end": self.part_end,
        }

    def part_begin(self) -> None:
        self.headers, self.part_name, self.value = {}, None, bytearray()

    def header_field_data(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def header_value_data(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def header_end(self) -> None:
        self.headers[self.header_field.lower()] = self.header_value
        self.header_field, self.header_value = b"", b""

    def headers_finished(self) -> None:
        _, options = parse_options_header(self.headers.get(b"content-disposition", b""))
        self.part_name = options.get(b"name", b"").decode("utf-8", "replace")
        if self.part_name == FILE_FIELD:
            if self.writer is not None or self.result.staged is not None:
                raise InvalidRequest("Send one file per upload, in the 'file' field.")
            filename = options.get(b"filename", b"").decode("utf-8", "replace")
            if "\x00" in filename:
                raise InvalidRequest("The file name contains a NUL character; rename the file.")
            self.result.filename = filename.replace("\\", "/").rsplit("/", 1)[-1] or None
            self.writer = self.files.open_staging(self.max_bytes)

    def part_data(self, data: bytes, start: int, end: int) -> None:
        if self.part_name == FILE_FIELD and self.writer is not None:
            self.writer.write(data[start:end])
        elif len(self.value) + (end - start) <= _MAX_FIELD_BYTES:
            self.value += data[start:end]
        else:
            raise InvalidRequest(f"The form field '{self.part_name}' is too long.")

    def part_end(self) -> None:
        if self.part_name == FILE_FIELD and self.writer is not None:
            self.result.staged = self.writer.finish()
            self.writer = None
        elif self.part_name:
            value = self.value.decode("utf-8", "replace").strip()
            if "\x00" in value:
                raise InvalidRequest(f"The form field '{self.part_name}' contains a NUL character.")
            self.result.fields[self.part_name] = value

    def abort(self) -> None:
        if self.writer is not None:
            self.writer.abort()
        if self.result.staged is not None:
            self.files.discard(self.result.staged)


async def parse_upload(
    content_type: str, body: AsyncIterator[bytes], files: FileStore, max_bytes: int
) -> ParsedUpload:
    """Parse a multipart/form-data body; the staged file is the caller's to commit."""
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise InvalidRequest("Send the document as multipart/form-data in a field named 'file'.")
    collector = _Collector(files, max_bytes)
    parser = MultipartParser(boundary, collector.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in body:
            parser.write(chunk)
        parser.finalize()
    except FormParserError as e:
        collector.abort()
        raise InvalidRequest(
            "The multipart/form-data body is malformed; send the document in a field named 'file'."
        ) from e
    except BaseException:
        collector.abort()
        raise
    if collector.result.staged is None:
        collector.abort()
        raise InvalidRequest("No file received: send the document in a field named 'file'.")
    return collector.result
