# One image for the API and the workers: `certverify serve` or `certverify worker`.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    OMP_THREAD_LIMIT=1 \
    CERTVERIFY_DATA_DIR=/var/lib/certverify

RUN apt-get update \
    && apt-get install -y --no-install-recommends tesseract-ocr tesseract-ocr-eng \
       tesseract-ocr-osd tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-ita tesseract-ocr-por \
       tesseract-ocr-deu tesseract-ocr-nld tesseract-ocr-ind \
       libtesseract-dev libleptonica-dev pkg-config g++ \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md constraints.txt ./
COPY ingest ingest
COPY extractors extractors
COPY matchers matchers
COPY pipeline pipeline
COPY checks checks
COPY audit audit
COPY store store
COPY worker worker
COPY api api
COPY cli cli
RUN pip install --no-binary tesserocr -c constraints.txt '.[service]'

RUN useradd --system --uid 10001 --home-dir /var/lib/certverify --create-home certverify
USER certverify
VOLUME ["/var/lib/certverify"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)" || exit 1

ENTRYPOINT ["certverify"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
