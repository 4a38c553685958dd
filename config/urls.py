"""The site's URL map: each app's URLs, the admin, the API schema, liveness, readiness and metrics."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from grader.metrics import metrics_view
from interviews.api.urls import fallback_urlpatterns as api_fallback_urlpatterns
from interviews.api.urls import token_urlpatterns as api_token_urlpatterns
from interviews.health import readyz
from interviews.views import healthz

urlpatterns = [
    path("", include("interviews.urls")),
    path("accounts/", include("interviews.accounts_urls")),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("healthz/", healthz, name="healthz"),
    path("readyz/", readyz, name="readyz"),
    # Staff or the metrics token (checked in the view), so not behind the log-in redirect.
    path("metrics", login_not_required(metrics_view), name="metrics"),
    path("api/", include("interviews.api.urls")),
    path("account/tokens/", include(api_token_urlpatterns)),
    path("api/", include(api_fallback_urlpatterns)),  # last: unknown API URLs are JSON 404s
]
