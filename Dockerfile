# The web and worker image (docker-compose.yml).
# With a registry:    FROM python:3.11-slim (the default).
# Without a registry: docker-compose.local.yml passes BASE=onsite-local-base:bookworm, a Debian
#                     root file system built by scripts/compose-images.sh (Debian's Python 3.11).
ARG BASE=python:3.11-slim
FROM ${BASE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings \
    PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# Pango for WeasyPrint (the report's PDF export); the local Debian base already has it.
RUN if ! ldconfig -p | grep -q libpangoft2-1.0; then \
        apt-get update -qq && apt-get install -y -qq --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
        && rm -rf /var/lib/apt/lists/*; \
    fi
RUN useradd --create-home --uid 1000 onsite \
    && python3 -c 'import sys; assert sys.version_info[:2] == (3, 11), sys.version' \
    && python3 -m venv /opt/venv
WORKDIR /app

COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

COPY --chown=onsite:onsite . .
# Static files are collected into the image and served by WhiteNoise; the values below exist
# only so that settings load during the build.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build DEBUG=False python manage.py collectstatic --noinput \
    && mkdir -p /app/.data && chown onsite:onsite /app/.data

USER onsite
EXPOSE 8000
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "config.asgi:application"]
