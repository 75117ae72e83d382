"""One settings class for the whole service, read from ``CERTVERIFY_*`` env vars.

It is built once at an entry point (CLI, API, worker) and passed down; no module
reads the environment on its own. Thresholds below were chosen from the figures
that ``make bench`` measures; see the README.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from ingest.errors import ConfigurationError

MIN_SECRET_CHARS = 32
SECRET_HOWTO = "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"


class OcrEngine(StrEnum):
    """How tesseract is called (``extractors.ocr``)."""

    AUTO = "auto"  # the C API where tesserocr is installed, a process per call otherwise
    API = "api"  # tesseract's C API, models kept loaded; not installed is an error
    PROCESS = "process"  # a tesseract process per call


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CERTVERIFY_", env_file=".env", extra="ignore")

    # Triage limits, checked before any decoding.
    max_upload_bytes: int = 25 * 1024 * 1024
    max_pages: int = 30
    max_image_pixels: int = 100_000_000
    max_page_points: float = 14_400.0  # 200 inches: larger pages are refused
    max_render_pixels: int = 40_000_000
    document_timeout_s: float = 180.0
    max_memory_mb: int = 3072  # what one document may add to the reader it is forked from

    # Reading.
    render_dpi: int = 300
    ocr_language: str = "eng"
    ocr_engine: OcrEngine = OcrEngine.AUTO
    # A page whose English read is identified as one of these languages is read
    # again with its data added (tesseract-ocr-fra, -spa, ...); extractors/scripts.py.
    ocr_second_languages: tuple[str, ...] = ("fra", "spa", "ita", "por", "deu", "nld", "ind")
    # Scripts read; a page tesseract finds, at this confidence or more, to be in
    # another one keeps only its legible Latin words (Latin pages: 2.0 at most).
    ocr_scripts: tuple[str, ...] = ("Latin", "Fraktur")
    ocr_script_min_confidence: float = 4.0
    ocr_page_timeout_s: float = 60.0
    pdf_text_min_chars: int = 20
    pdf_text_min_quality: float = 0.6
    # A text layer that leaves printed text out (template artwork, outlined headings)
    # is OCR'd too. Checked only when images cover this share of the page, or this
    # many letter-sized outlines lie, outside the layer's words, or when the layer
    # holds fewer characters than a whole certificate prints (full layers of the real
    # corpus that the other two checks pass hold 465-924, layers of the variable
    # fields alone 22-75); then OCR'd when this share of the letter ink is outside
    # them. Measured on the 55 PDFs of the real corpus: layers holding only the
    # variable fields leave 0.38-0.91 of the ink out, full layers at most 0.31
    # (logos, seals, signatures).
    pdf_silent_image_share: float = 0.1
    pdf_silent_shapes: int = 60
    pdf_silent_check_below_chars: int = 300
    pdf_silent_ink_share: float = 0.35
    # OCR words laid beside a layer's words need this confidence: the junk read in
    # textured backgrounds scored 40-57, printed words 90 and more.
    ocr_merge_min_confidence: float = 60.0
    ocr_min_confidence: float = 0.0  # keep every word: its confidence travels with it
    # OCR image preparation (figures in the README's reading benchmark).
    ocr_glyph_px: float = 20.0  # median letter height tesseract is given
    ocr_glyph_tolerance: float = 0.45  # no resampling within this share of it
    # Lines tesseract read with a mean confidence under ocr_reread_below are read again
    # alone, at ocr_reread_line_px of line height, at most ocr_reread_max_lines a page;
    # the new reading is kept when it is ocr_reread_gain points surer (5 points let
    # look-alike letters in: 44.9% of the changed documents' fields, 15 points 51.0%, no
    # re-read 46.9%) (extractors/reread.py). On the 56 corpus documents read by OCR
    # (bench/ocr_steps.py) re-reading buys one printed field, won alike with
    # ocr_reread_below 60-80 and ocr_reread_gain 10-20: the corpus places neither.
    ocr_reread_below: float = 70.0
    ocr_reread_line_px: float = 36.0
    ocr_reread_max_lines: int = 12
    ocr_reread_gain: float = 15.0
    # Bands of print no word was read on are read alone (extractors/missed.py): at most
    # ocr_missed_max_lines a page, keeping words read at ocr_missed_min_confidence or more
    # (turned print too). The 56 corpus documents read by OCR (bench/ocr_steps.py): 65-80
    # read the same 207 of 273 printed fields, 60 loses a date; 70 has margin both sides.
    ocr_missed_max_lines: int = 8
    ocr_missed_min_confidence: float = 70.0
    # Columns of print running up or down the page read turned, at most this many a
    # page, each read both ways (extractors/vertical.py).
    ocr_vertical_max_lines: int = 3
    osd_glyph_px: float = 10.0  # orientation is detected on a copy this small
    osd_min_confidence: float = 4.0  # below it, trial reads decide the orientation
    # A page whose first read, as it stands, gives this reading score (confident
    # level words: ocr.level_reading) in this share of its letters is taken as
    # upright, with no orientation detection. Pages a quarter or half turn off
    # scored 0-317 with at most 12%; upright ones 876 and more, mostly half or more.
    upright_min_score: float = 800.0
    upright_min_share: float = 0.3
    # Lines running down the page (upright.line_direction below this) send it
    # to orientation detection unread: pages on their side measured 0.18-0.81,
    # level Latin pages 1.02 and more (an Arabic page 0.82: it is detected anyway).
    sideways_below: float = 0.9
    # Letters hanging below their lines (upright.ascender_share below this)
    # send the page to orientation detection unread: half-turned pages measured
    # 0.02-0.34, upright ones 0.39 and more (most over 0.55).
    upside_down_below: float = 0.3
    # An upright read this unsure (mean word confidence, 0-100) is checked for a
    # script not read here: a page in Arabic read 30, degraded Latin scans 58-69.
    script_check_below: float = 50.0
    orientation_trial_px: int = 700  # side of the text crop read in each orientation
    photo_min_page_share: float = 0.2  # a photographed sheet covers this much of the frame
    photo_max_page_share: float = 0.95  # above it, the capture is a scan: nothing to flatten
    photo_min_contrast: float = 40.0  # sheet minus background brightness, 0..255
    max_render_dpi: int = 1200  # re-render small-print PDF pages up to this
    ocr_max_pixels: int = 12_000_000  # the prepared page is never larger (tesseract time)
    despeckle_min_noise: float = 0.85  # speckle level above which a 3x3 median helps
    unreadable_min_chars: int = 40
    # A provider name read with less confidence than this is taken as not read, so it
    # is never called "not approved" (the sample set: every printed provider read at
    # 0.70 or more, OCR of logos and script at 0.38).
    provider_legible_at: float = 0.5
    # Telling the kind of a document from its wording (extractors/classify.py).
    kind_min_cues: float = 3.0  # summed weight of cues a kind needs
    kind_confident_at: float = 80.0  # OCR confidence (0-100) of a word read legibly
    kind_min_legible_share: float = 0.3  # fewer letters read legibly: the kind is not judged
    kind_min_legible_lines: int = 6  # ... unless this many lines were read clearly
    kind_min_latin_share: float = 0.5  # mostly in another script: its wording is not known
    # A page whose wording was not judged is a certificate when its holder, course or
    # issuer, and date or credits were read at this confidence (0-1) or more
    # (extractors/decide.py).
    kind_field_confident_at: float = 0.5
    # A course title or a holder's name found only by its size must be read legibly:
    # the median OCR confidence (0-100) of its words (junk in a photo's border or a
    # seal reads as words set large).
    title_legible_at: float = 50.0
    card_validity_years: int = 2
    # Authenticity (checks/): text-layer words with digits read again by OCR from the
    # page rendered at this DPI; a read this confident (0-100) with as many digits, other
    # ones, is a finding. Measured on the 121 untouched PDFs (real and samples): no such
    # read at any confidence; a picture of other digits over an id read at 68 (a line
    # mixing two fonts). At most this many words per document (each read 20-60 ms).
    layer_check_dpi: int = 300
    layer_check_min_confidence: float = 50.0
    layer_check_max_words: int = 12
    # QR codes and barcodes are decoded on this many first pages, drawn at this DPI
    # (the text-layer check draws only its words' clips, at layer_check_dpi).
    code_check_max_pages: int = 4
    code_check_dpi: int = 200
    # Roots a signed PDF's signer is checked against, offline (PEM or DER files); the
    # result is reported with each signature finding.
    signature_trust_roots: tuple[Path, ...] = ()

    # Matching, measured by `python -m bench.matching` (tables in the README): unapproved
    # near-miss provider names, noisy or reworded, score at most 74.7 and provider recall
    # is 0.989 at every cutoff from 80 to 95, so 85 keeps a margin on both sides; course
    # titles: 80 is the lowest cutoff with no false match (accuracy 0.998, recall 0.993);
    # holder-name pairs are all right from 85 to 90 (other people score at most 80).
    provider_match_cutoff: float = 85.0
    course_match_cutoff: float = 80.0
    # A provider name too damaged to match (a script font on a photo) is named as the
    # likely provider, never approved, when it scores this much, shares at least two
    # whole words with the catalog name, and its course title matches one of that
    # provider's courses of three words or more at ``course_corroboration_cutoff``.
    provider_damaged_floor: float = 50.0
    course_corroboration_cutoff: float = 95.0
    holder_match_cutoff: float = 85.0

    # Rules.
    cycle_years: int = 2
    required_ceus: float = 2.0
    ceus_per_contact_hour: float = 0.1
    # CEUs are printed to the tenth (one contact hour): two values closer than half
    # of that are the same figure.
    ceus_agree_within: float = 0.051
    # The most a single course can be worth; a correction above it is refused.
    max_entry_ceus: float = 10.0
    cpr_aed_ceus: float = 0.0
    late_fee_days: int = 90
    lapse_days: int = 365
    petition_fee_usd: int = 25
    # Recertification rules read by audit/ (fee amounts are placeholders: set the current ones).
    ce_grace_days: int = 90  # CE completed up to this many days after expiry still counts when late
    ceu_rollover: bool = False  # excess CEUs carried to the next cycle
    category_a_providers: tuple[str, ...] = ("National Academy of Sports Medicine", "NASM")
    recertification_fee_usd: int = 99
    late_fee_usd: int = 75
    additional_fee_usd: int = 150
    recertify_for_life_fee_usd: int = 299
    card_expiry_notice_days: int = 60
    readiness_weights: dict[str, int] = Field(
        default_factory=lambda: {
            "ceus": 40,
            "cpr_aed_sides": 10,
            "cpr_aed_valid": 15,
            "names": 10,
            "window": 5,
            "duplicates": 5,
            "providers": 5,
            "readable": 5,
            "deadline": 5,
        }
    )
    webhook_secret: SecretStr = SecretStr("")
    webhook_max_attempts: int = 4
    webhook_backoff_s: float = 0.5
    webhook_timeout_s: float = 10.0
    # Monitoring: CPR/AED card events delivered to a webhook and/or by email.
    webhook_url: str | None = None  # signed POSTs need webhook_secret too
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_from: str = "certverify@localhost"
    smtp_to: str | None = None  # comma-separated addresses
    smtp_timeout_s: float = 10.0
    monitor_interval_s: int = 24 * 3600  # embedded mode: the timer in `certverify serve`
    monitor_first_delay_s: float = 60.0  # embedded mode: first run after start-up
    monitor_hour_utc: int = 6  # with a queue: the daily run is scheduled at this hour
    notification_max_attempts: int = 12  # delivery attempts over all runs, then given up

    # Service.
    data_dir: Path = Field(default=Path("var"))
    # Where uploaded files live: "local" (data_dir/files, one machine or a shared disk) or
    # "database" (bytes in the database, data_dir only a cache: API and workers on any host).
    file_store: Literal["local", "database"] = "local"
    database_url: str | None = None
    redis_url: str | None = None
    queue_name: str = "certverify"
    job_timeout_s: int = 600
    job_max_attempts: int = 3  # transient failures only; bad input is never retried
    retry_backoff_s: float = 10.0  # first retry after this, then 6x longer each time
    lease_s: int = 120  # a "processing" document whose heartbeat is older is re-enqueued
    queued_stale_s: int = 300  # a "queued" document with no live job after this is re-enqueued
    reconcile_interval_s: int = 60
    redis_wait_max_s: float = 30.0  # a worker that lost Redis checks again at most this far apart
    # Stored bytes no document refers to (an upload that failed after storing them, a crash)
    # are removed by the reconciler's sweep once this old; a deletion removes them at once.
    blob_grace_s: int = 3600
    # Below this much free space on the data folder's disk, uploads answer 507 before
    # anything is written and /readyz reports "disk" low (room for 10 uploads at the limit).
    min_free_disk_mb: int = 250
    # A delete keeps a document whose file was uploaded again this shortly before the delete
    # reached the API (409): a request may wait that long behind others, and the upload was
    # answered with this document. Covers a stalled event loop, not a user's second thoughts.
    reupload_guard_s: float = 2.0
    # Per-trainer quotas ("<count>/<period>", the limits library's notation), in a moving
    # window: an application's 20 to 40 files fit at once; a script sending hundreds waits.
    upload_quota: str = "60/10 minutes"
    # A trainer's oldest documents waiting to be read, this many, go ahead of other batches
    # (1: another trainer's single upload waits for at most the document being read).
    fair_first_pending: int = 1
    rerun_quota: str = "30/hour"
    inprocess_workers: int = 1  # without redis_url, jobs run in this many background threads
    # Page previews are drawn in a contained child process (ingest.contained) with these caps.
    preview_timeout_s: float = 20.0
    preview_memory_mb: int = 1024
    preview_concurrency: int = 2  # previews drawn at once per API process; more answer 429

    # Web pages and audit selection.
    # Empty is allowed only in the embedded default (a random one per process start);
    # with a queue or PostgreSQL the API refuses to start without it (check_deployment).
    web_session_secret: SecretStr = SecretStr("")
    web_session_max_age_s: int = 8 * 3600
    api_docs: bool = True  # /docs and /redoc (served locally); /openapi.json is always there
    web_poll_interval_ms: int = 1000  # the dashboard polls a processing document this often
    web_link_max_age_s: int = 900  # a sign-in link sent by e-mail works once, this long
    # Sign-in links asked for (quotas as above): per address typed, known or not (a mailbox
    # is not flooded), and per client address (the form does not send mail in bulk).
    sign_in_link_quota_per_address: str = "5/hour"
    sign_in_link_quota_per_client: str = "20/hour"
    # The address people open (https://certverify.example.org); sign-in links start with it.
    # Unset: the address the request for the link came to.
    public_url: str | None = None
    web_confidence_high: float = 0.85  # evidence boxes at or above: green
    web_confidence_low: float = 0.6  # below: red; in between: amber
    audit_share: float = 0.1  # share of submissions selected for audit
    audit_seed: SecretStr = SecretStr("")  # the draw's secret seed; required with servers
    audit_seed_id: str = "default"  # logged with every draw, to know which seed to re-check with
    audit_due_days: int = 30
    audit_reminder_days: tuple[int, ...] = (7, 1)  # the trainer is reminded this many days before
    # An application the draw did not select, and sent complete, is accepted without audit by
    # the first daily monitoring run this many days after it was sent (0: the next run).
    accept_unselected_after_days: int = 0

    @property
    def embedded(self) -> bool:
        """The default deployment: SQLite under data_dir and jobs run in the API process."""
        return not self.redis_url and not self.database_url


def check_deployment(settings: Settings) -> None:
    """Refuse to run the API with servers configured but its shared secrets missing.

    With a queue or PostgreSQL, several API processes (and hosts) serve the same
    users: each would otherwise sign web sessions with its own random secret (a
    login works or fails depending on which process answers), and an empty audit
    seed makes the random audit draw predictable. The embedded default needs none.
    """
    if settings.embedded:
        return
    needed = {
        "CERTVERIFY_WEB_SESSION_SECRET": settings.web_session_secret,
        "CERTVERIFY_AUDIT_SEED": settings.audit_seed,
    }
    for name, secret in needed.items():
        value = secret.get_secret_value()
        if len(value) < MIN_SECRET_CHARS:
            state = "is not set" if not value else f"is shorter than {MIN_SECRET_CHARS} characters"
            raise ConfigurationError(
                f"{name} {state}: with a Redis queue or a PostgreSQL database configured, "
                f"the API needs it. Make one with {SECRET_HOWTO} and set it in the "
                "environment (or the env file compose reads)."
            )
