# The policykg API + explorer. Built by docker-compose.yml (with Neo4j), or alone:
#   docker build -t policykg . && docker run -p 8000:8000 policykg
FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 POLICYKG_DATA_DIR=/data
WORKDIR /app
COPY pyproject.toml README.md ./
COPY schema schema
COPY graph graph
COPY ingest ingest
COPY cypher cypher
COPY api api
COPY visualize visualize
COPY data data
RUN pip install --no-cache-dir . && useradd --system --home /app policykg \
    && mkdir -p /data && chown policykg /data
USER policykg
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --retries=5 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"
CMD ["policykg", "serve", "--host", "0.0.0.0", "--port", "8000"]
