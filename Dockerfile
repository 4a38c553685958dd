# The web and worker image (docker-compose.yml). Needs a registry for python:3.11-slim.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=config.settings

RUN useradd --create-home --uid 1000 onsite
WORKDIR /app

COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

COPY --chown=onsite:onsite . .
# Static files are collected into the image and served by WhiteNoise; the values below exist
# only so that settings load during the build.
RUN SECRET_KEY=build-only ALLOWED_HOSTS=build DEBUG=False python manage.py collectstatic --noinput

USER onsite
EXPOSE 8000
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "config.asgi:application"]
