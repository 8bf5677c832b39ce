# L2 Lab in a container, started the way `make run` starts it.
#   docker build -t l2lab .
#   docker run --rm -p 8501:8501 l2lab        # then open http://localhost:8501
FROM python:3.11-slim

# One BLAS thread: the app limits BLAS at start-up too (threadpoolctl); this also covers imports before that.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    OPENBLAS_NUM_THREADS=1

RUN useradd --create-home --uid 10001 l2lab
WORKDIR /app

# Dependencies first, so a code change does not reinstall them: the same lock `make run` installs.
COPY requirements.lock .
RUN python -m pip install -r requirements.lock

COPY --chown=l2lab:l2lab . .
USER l2lab

EXPOSE 8501
# No curl in the slim image: ask Streamlit's health endpoint with Python.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status == 200 else 1)"]

CMD ["python", "deploy/start.py", "run", "app.py", "--server.headless", "true", "--server.enableXsrfProtection", "true", "--server.maxUploadSize", "50"]
