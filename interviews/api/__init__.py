"""The JSON API under /api/: everything the browser does, for scripts (DRF, OpenAPI by drf-spectacular).

Views stay thin (parse, authorize with the `access_*` selectors, call a service, serialize);
`errors` gives every 4xx the same shape; `tokens` is the account page that creates API tokens.
"""
